"""factory_boy factories shared by tests and benchmarks (names as in docs/architecture.md)."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Rank, User
from core import roles
from tests import curriculum

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@missions.example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    member_state = factory.Iterator(["FRA", "GHA", "BRA", "JPN", "EGY", "NOR", "PER", "IND"])
    rank = Rank.FIRST_SECRETARY
    preferred_language = "en"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def certificate_names(obj, create, extracted, **kwargs):
        """UserFactory(certificate_names={"ar": "ليلى حداد"}): spellings per language."""
        if create and extracted:
            from accounts.services import set_certificate_names

            set_certificate_names(user=obj, names=extracted)


def _joins(group_name: str) -> factory.PostGeneration:
    """Put the created user in the role's group."""

    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=group_name))

    return factory.PostGeneration(add)


class LearnerFactory(UserFactory):
    role = _joins(roles.LEARNERS)


class InstructorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"instructor{n}@unitar.example.org")
    member_state = "UNS"
    rank = Rank.OTHER
    role = _joins(roles.INSTRUCTORS)


class AdministratorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@unitar.example.org")
    member_state = "UNS"
    rank = Rank.OTHER
    role = _joins(roles.ADMINISTRATORS)


def programme_data(
    n: int, *, modules: int, seminar: bool, lessons: int, checks: bool = False
) -> dict:
    """A small programme in the shape of the demo's programme files (`demo/content/`)."""
    parts = [
        {"number": i, "kind": "module", "title": f"Module {i}", "slug": f"module-{i}"}
        for i in range(1, modules + 1)
    ]
    if seminar:
        parts.append(
            {
                "number": modules + 1,
                "kind": "seminar",
                "title": "Seminar",
                "slug": "seminar",
                "delivery": "in_person",
            }
        )
    for part in parts:
        part["summary"] = f"What {part['title']} teaches."
        part["learning_outcomes"] = ["Explain the topic", "Apply it at the mission"]
        part["lessons"] = [
            {
                "title": f"{part['title']}, lesson {j}",
                "slug": f"lesson-{j}",
                "body": [{"type": "rich_text", "value": f"<p>Lesson {j} of {part['title']}.</p>"}],
            }
            for j in range(1, lessons + 1)
        ]
        if checks and part["kind"] == "module":
            # Two questions; the second choice is right; pass mark 50%: one right answer passes.
            part["knowledge_check"] = {
                "pass_mark": 50,
                "questions": [
                    {
                        "text": f"Question {q} on {part['title']}?",
                        "choices": ["No", "Yes", "Maybe"],
                        "correct": 1,
                        "explanation": "Because the lesson says so.",
                    }
                    for q in (1, 2)
                ],
            }
    return {
        "slug": f"programme-{n}",
        "title": f"Programme {n}",
        "short_title": f"P{n}",
        "intro": "A programme for tests.",
        "audience": "Diplomats of the permanent missions.",
        "languages": ["en", "fr", "ar"],
        "modules": parts,
    }


class ProgrammeFactory(factory.Factory):
    """A published programme page with four modules, a seminar and lessons.

    `ProgrammeFactory(modules=2, seminar=False, lessons=1)` changes the counts.
    """

    class Meta:
        model = dict

    n = factory.Sequence(lambda n: n)
    modules = 4
    seminar = True
    lessons = 3
    checks = False  # True: the last lesson of each module ends with a knowledge check

    @classmethod
    def _create(cls, model_class, *, n, modules, seminar, lessons, checks):
        # Built by build_programme once per shape in a test process, then copied in a few
        # statements (tests/curriculum.py): ~500 tests make a programme.
        data = programme_data(n, modules=modules, seminar=seminar, lessons=lessons, checks=checks)
        return curriculum.programme(data, shape=(modules, seminar, lessons, checks))

    _build = _create


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle that is open for applications and running today, so that a test can apply
    and study at once. `CycleFactory(programme=..., capacity=...)`."""

    class Meta:
        model = "courses.Cycle"

    programme = factory.LazyFunction(lambda: ProgrammeFactory())
    code = factory.Sequence(lambda n: f"PATIT-2026-{n + 1}")
    title = factory.LazyAttribute(lambda c: f"{c.programme.short_title} cycle {c.code}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    late_join_on = None
    capacity = 10
    offer_hours = 48
    policy = "fifo"
    seminar_requirement = "senior"

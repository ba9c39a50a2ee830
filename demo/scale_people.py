"""The scale data set's learners (`scale.<n>@…`) and its veteran, bulk-inserted with one
precomputed password hash (see `scale.py`)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts.models import Rank, User
from core import roles
from core.member_states import MEMBER_STATES

BATCH = 5000
PASSWORD = "scale-learner"  # noqa: S105 - a published bench password; refused in production
VETERAN = "scale.veteran@missions.example.org"


def email(n: int) -> str:
    return f"scale.{n}@missions.example.org"


def seed_learners(count: int) -> tuple[list[User], int]:
    """Learners scale.1 … scale.<count>, with one precomputed password hash; returns them
    in number order (ids, rank and Member State loaded) and how many were new."""
    password = make_password(PASSWORD)
    ranks = [r for r, _label in Rank.choices]
    states = [code for code, _name in MEMBER_STATES]
    before = User.objects.filter(email__startswith="scale.").count()
    for start in range(1, count + 1, BATCH):
        User.objects.bulk_create(
            [
                User(
                    email=email(n),
                    password=password,
                    first_name="Learner",
                    last_name=str(n),
                    rank=ranks[n % len(ranks)],
                    member_state=states[n % len(states)],
                )
                for n in range(start, min(start + BATCH, count + 1))
            ],
            ignore_conflicts=True,
        )
    by_email = {
        u.email: u
        for u in User.objects.filter(email__regex=r"^scale\.[0-9]+@").only(
            "id",
            "email",
            "rank",
            "member_state",
            "first_name",
            "last_name",
            "certificate_name",
            "preferred_language",
        )
    }
    people = [by_email[email(n)] for n in range(1, count + 1)]
    join_learners([u.pk for u in people])
    return people, User.objects.filter(email__startswith="scale.").count() - before


def join_learners(ids: list[int]) -> None:
    group = Group.objects.get_or_create(name=roles.LEARNERS)[0]
    through = User.groups.through
    for start in range(0, len(ids), BATCH):
        through.objects.bulk_create(
            [through(user_id=pk, group_id=group.pk) for pk in ids[start : start + BATCH]],
            ignore_conflicts=True,
        )


def get_veteran() -> User:
    user, created = User.objects.get_or_create(
        email=VETERAN,
        defaults={
            "first_name": "Veteran",
            "last_name": "Learner",
            "rank": Rank.COUNSELLOR,
            "member_state": "CHE",
            "password": make_password(PASSWORD),
        },
    )
    if created:
        join_learners([user.pk])
    return user

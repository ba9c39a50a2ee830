"""Copying a cycle with a priority window: the learners left on its waitlist are invited
(by e-mail, in their language) to apply first to the next run; until the window closes
only they and administrators may apply, whoever applies for them (a nomination, an import);
after it, anyone may."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.exceptions import NotAllowed, PriorityWindowOpen
from courses.models import Cycle, CycleEvent, Enrollment, PriorityWindow
from missions import services as mission_services
from outbox.models import OutboxMessage
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def world(db):
    """A running cycle of one seat: one learner seated, two waiting (one French, one
    Arabic), one who withdrew from the waitlist."""
    today = timezone.localdate()
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        capacity=1,
        code="PATIT-2026-4",
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=60),
    )
    seated, gone = LearnerFactory(), LearnerFactory()
    french = LearnerFactory(preferred_language="fr", first_name="Claire", last_name="Dubois")
    arabic = LearnerFactory(preferred_language="ar", first_name="Amina", last_name="Haddad")
    for learner in (seated, french, arabic, gone):
        services.apply(learner=learner, cycle=cycle)
    services.withdraw(enrollment=gone.enrollments.get())
    return {
        "cycle": cycle,
        "seated": seated,
        "french": french,
        "arabic": arabic,
        "gone": gone,
        "admin": AdministratorFactory(),
    }


def _copy_open_now(world, days=5, **kwargs):
    """A copy whose applications are open already (it starts a week later than the
    original), so that the window runs from now."""
    return services.copy_to_next_cycle(
        cycle=world["cycle"],
        by=world["admin"],
        starts_on=world["cycle"].starts_on + timedelta(days=7),
        priority_days=days,
        **kwargs,
    )


def test_the_waitlist_is_invited_by_e_mail_in_its_language_and_the_copy_is_audited(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        copy = _copy_open_now(world, days=5, now=now)
    window = copy.priority_window
    assert window.source == world["cycle"] and window.created_by == world["admin"]
    assert window.until == now + timedelta(days=5)
    invited = set(window.invitees.values_list("learner", flat=True))
    assert invited == {world["french"].pk, world["arabic"].pk}  # not the seated, not gone
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {world["french"].email, world["arabic"].email}
    french = by_address[world["french"].email]
    assert french.subject == "Invitation à postuler en priorité au cycle PATIT-2027-1"
    assert "Aucune place n'a pu vous être attribuée dans le cycle PATIT-2026-4" in french.body
    arabic = by_address[world["arabic"].email]
    assert arabic.subject == "أنت مدعو إلى التقديم أولاً إلى الدورة PATIT-2027-1"
    assert "PATIT-2026-4" in arabic.body and "/cycles/PATIT-2027-1/" in arabic.body
    event = CycleEvent.objects.get(cycle=world["cycle"], action=CycleEvent.Action.COPIED)
    assert event.actor == world["admin"]
    assert event.detail == {
        "to": "PATIT-2027-1",
        "priority_days": 5,
        "priority_until": window.until.isoformat(),
        "invited": 2,
    }
    # Sent once: the outbox keeps one row per invitee.
    assert OutboxMessage.objects.filter(kind="courses.priority_invitation").count() == 2


def test_the_window_counts_from_the_day_applications_open(world):
    copy = services.copy_to_next_cycle(cycle=world["cycle"], by=world["admin"], priority_days=3)
    assert copy.applications_open_at > timezone.now()  # a quarter later
    assert copy.priority_window.until == copy.applications_open_at + timedelta(days=3)


def test_inside_the_window_only_invitees_and_administrators_may_apply(world):
    copy = _copy_open_now(world, days=5)
    stranger = LearnerFactory(preferred_language="en")
    with pytest.raises(PriorityWindowOpen) as refusal:
        services.apply(learner=stranger, cycle=copy)
    assert "open only to the learners invited from the waitlist of PATIT-2026-4" in str(
        refusal.value
    )
    assert "You can apply from" in str(refusal.value)
    assert not copy.enrollments.exists()  # refused, nothing written
    # Whoever applies for a stranger meets the same rule: a mission's nomination.
    focal = UserFactory(member_state="GHA")
    mission_services.appoint(user=focal, member_state="GHA", by=world["admin"])
    ghanaian = LearnerFactory(member_state="GHA")
    with pytest.raises(PriorityWindowOpen):
        mission_services.nominate(cycle=copy, by=focal, diplomat=ghanaian)
    assert not copy.enrollments.exists()
    # The invitees may (once they leave the old waitlist: one unfinished enrollment per
    # programme); so may an administrator.
    for invitee in (world["french"], world["arabic"]):
        services.withdraw(enrollment=invitee.enrollments.get(cycle=world["cycle"]))
    assert services.apply(learner=world["french"], cycle=copy).status == S.ENROLLED
    assert services.apply(learner=world["arabic"], cycle=copy).status == S.WAITLISTED
    assert services.apply(learner=AdministratorFactory(), cycle=copy).status == S.WAITLISTED


def test_after_the_window_anyone_may_apply(world):
    copy = _copy_open_now(world, days=2)
    stranger = LearnerFactory()
    with pytest.raises(PriorityWindowOpen):
        services.apply(
            learner=stranger, cycle=copy, now=copy.priority_window.until - timedelta(minutes=1)
        )
    after = copy.priority_window.until
    assert services.apply(learner=stranger, cycle=copy, now=after).status == S.ENROLLED


def test_without_priority_days_there_is_no_window(world, mailoutbox):
    copy = _copy_open_now(world, days=0)
    assert not PriorityWindow.objects.exists()
    assert services.apply(learner=LearnerFactory(), cycle=copy).status == S.ENROLLED
    detail = CycleEvent.objects.get(action=CycleEvent.Action.COPIED).detail
    assert detail == {"to": copy.code}


@pytest.mark.parametrize("days", [31, 30])
def test_a_window_too_long_is_refused_and_nothing_is_written(world, days):
    # The copy's applications close three weeks from now: 30 days would outlast them.
    with pytest.raises(NotAllowed):
        _copy_open_now(world, days=days)
    assert Cycle.objects.count() == 1 and not PriorityWindow.objects.exists()
    assert not CycleEvent.objects.filter(action=CycleEvent.Action.COPIED).exists()


def test_the_closed_cycles_not_admitted_learners_are_invited_too(world):
    cycle = world["cycle"]
    after_the_end = timezone.make_aware(
        timezone.datetime.combine(cycle.ends_on + timedelta(days=1), timezone.datetime.min.time())
    )
    services.close_cycle(cycle=cycle, now=after_the_end)
    assert set(cycle.enrollments.values_list("status", flat=True)) >= {S.NOT_ADMITTED}
    copy = services.copy_to_next_cycle(
        cycle=cycle, by=world["admin"], starts_on=date.today() + timedelta(days=70), priority_days=2
    )
    assert set(copy.priority_window.invitees.values_list("learner", flat=True)) == {
        world["french"].pk,
        world["arabic"].pk,
    }


@pytest.mark.parametrize(
    "language, explained, wait",
    [
        (
            "en",
            "applications are open only to the learners invited from the waitlist of PATIT-2026-4",
            "You can apply from",
        ),
        (
            "fr",
            "les candidatures sont réservées aux personnes invitées depuis la liste "
            "d'attente du cycle PATIT-2026-4",
            "Vous pourrez postuler à partir du",
        ),
        (
            "ar",
            "يقتصر التقديم على المدعوين من قائمة انتظار الدورة PATIT-2026-4",
            "يمكنك التقديم ابتداءً من",
        ),
    ],
)
def test_the_cycle_page_tells_a_stranger_why_they_cannot_apply_yet(
    client, world, language, explained, wait
):
    copy = _copy_open_now(world, days=5)
    stranger = LearnerFactory(preferred_language=language)
    client.force_login(stranger)
    url = reverse("courses:cycle_detail", args=[copy.code])
    html = client.get(url).content.decode()
    assert explained in html and wait in html
    assert 'action="{}"'.format(reverse("courses:apply", args=[copy.code])) not in html
    # Posting anyway is refused with the same explanation, and writes nothing.
    response = client.post(reverse("courses:apply", args=[copy.code]), follow=True)
    assert wait in response.content.decode()
    assert not copy.enrollments.exists()


def test_the_cycle_page_tells_an_invitee_they_may_apply(client, world):
    copy = _copy_open_now(world, days=5)
    client.force_login(world["french"])
    url = reverse("courses:cycle_detail", args=[copy.code])
    html = client.get(url).content.decode()
    assert "Vous en faites partie\u00a0: vous pouvez postuler dès maintenant." in html
    # Still on the old waitlist (one unfinished enrollment per programme): the page says
    # so rather than offer a button `apply` refuses (issue 19, defect 8).
    apply_form = 'action="{}"'.format(reverse("courses:apply", args=[copy.code]))
    assert apply_form not in html and "PATIT-2026-4" in html
    services.withdraw(enrollment=world["french"].enrollments.get(cycle=world["cycle"]))
    assert apply_form in client.get(url).content.decode()


def test_the_copy_screen_offers_the_window_to_administrators_only(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("cycles:copy_next", args=[world["cycle"].pk])
    client.force_login(world["admin"])
    page = client.get(url).content.decode()
    assert "2 learners are left on this cycle&#x27;s waitlist." in page
    assert 'name="priority_days"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "starts_on": (world["cycle"].starts_on + timedelta(days=7)).isoformat(),
                "priority_days": "4",
            },
            follow=True,
        )
    copy = Cycle.objects.get(code="PATIT-2027-1")
    assert copy.priority_window.invitees.count() == 2
    assert "2 learners are invited to apply first" in response.content.decode()
    assert len(mailoutbox) == 2
    # Too many days: the form says so and nothing more is written.
    response = client.post(url, {"priority_days": "99"})
    assert response.status_code == 200 and Cycle.objects.count() == 2
    client.force_login(InstructorFactory())
    assert client.post(url, {"priority_days": "4"}).status_code in (302, 403)
    assert Cycle.objects.count() == 2

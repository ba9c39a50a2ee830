"""The enrollment services: caps, waitlist, offers, promotion, refusals and the audit trail."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Rank
from courses import selectors, services
from courses.exceptions import (
    AlreadyApplied,
    ApplicationsClosed,
    CycleFull,
    InvalidTransition,
    NotAllowed,
    OfferExpired,
)
from courses.models import Enrollment, EnrollmentEvent
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture(scope="module")
def shared_programme(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield ProgrammeFactory(modules=1, seminar=False, lessons=1)


@pytest.fixture
def cycle(db):
    return CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=2)


def fill(cycle, n, **learner_kwargs):
    return [services.apply(learner=LearnerFactory(**learner_kwargs), cycle=cycle) for _ in range(n)]


def test_apply_enrols_until_full_then_waitlists(cycle):
    first, second, third, fourth = fill(cycle, 4)
    statuses = [e.status for e in (first, second, third, fourth)]
    assert statuses == [S.ENROLLED, S.ENROLLED, S.WAITLISTED, S.WAITLISTED]
    assert selectors.waitlist_position(enrollment=third) == 1
    assert selectors.waitlist_position(enrollment=fourth) == 2
    assert selectors.seated_count(cycle=cycle) == 2


def test_withdrawal_offers_the_seat_to_the_head_of_the_waitlist_at_once(cycle):
    first, _, third, fourth = fill(cycle, 4)
    promoted = services.withdraw(enrollment=first)
    assert promoted.pk == third.pk
    third.refresh_from_db()
    assert third.status == S.OFFERED
    assert third.offer_expires_at > timezone.now() + timedelta(hours=47)
    assert selectors.waitlist_position(enrollment=fourth) == 1


def test_offer_window_zero_promotes_straight_to_enrolled(cycle):
    cycle.offer_hours = 0
    cycle.save()
    first, _, third = fill(cycle, 3)
    services.withdraw(enrollment=first)
    third.refresh_from_db()
    assert third.status == S.ENROLLED


def test_confirm_and_decline_an_offer(cycle):
    first, second, third, fourth, fifth = fill(cycle, 5)
    services.withdraw(enrollment=first)
    confirmed = services.confirm_offer(enrollment=Enrollment.objects.get(pk=third.pk))
    assert confirmed.status == S.ENROLLED
    services.withdraw(enrollment=second)
    promoted = services.decline_offer(enrollment=Enrollment.objects.get(pk=fourth.pk))
    assert promoted.pk == fifth.pk
    assert Enrollment.objects.get(pk=fourth.pk).status == S.WITHDRAWN


def test_expired_offer_passes_the_seat_down(cycle):
    first, _, third, fourth = fill(cycle, 4)
    services.withdraw(enrollment=first)
    third.refresh_from_db()
    assert services.expire_offers() == 0  # not yet due
    later = third.offer_expires_at + timedelta(minutes=1)
    assert services.expire_offers(now=later) == 1
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == S.EXPIRED
    assert fourth.status == S.OFFERED
    assert services.expire_offers(now=later) == 0  # running it twice changes nothing more


def test_late_confirmation_expires_the_offer_and_says_so(cycle):
    first, _, third, fourth = fill(cycle, 4)
    services.withdraw(enrollment=first)
    third.refresh_from_db()
    with pytest.raises(OfferExpired, match="expired"):
        services.confirm_offer(enrollment=third, now=third.offer_expires_at + timedelta(seconds=1))
    assert Enrollment.objects.get(pk=third.pk).status == S.EXPIRED
    assert Enrollment.objects.get(pk=fourth.pk).status == S.OFFERED


def test_raising_the_capacity_promotes_in_order(cycle):
    fill(cycle, 2)
    waiting = fill(cycle, 3)
    promoted = services.set_capacity(cycle=cycle, capacity=4)
    assert [e.pk for e in promoted] == [waiting[0].pk, waiting[1].pk]
    assert Enrollment.objects.get(pk=waiting[2].pk).status == S.WAITLISTED


def test_lowering_the_capacity_removes_nobody_and_stops_promotion(cycle):
    seated = fill(cycle, 2)
    waiting = fill(cycle, 1)[0]
    assert services.set_capacity(cycle=cycle, capacity=1) == []
    assert all(Enrollment.objects.get(pk=e.pk).status == S.ENROLLED for e in seated)
    assert services.withdraw(enrollment=seated[0]) is None  # 1 seated = new cap: no seat free
    assert Enrollment.objects.get(pk=waiting.pk).status == S.WAITLISTED
    services.withdraw(enrollment=seated[1])
    assert Enrollment.objects.get(pk=waiting.pk).status == S.OFFERED


def test_negative_capacity_is_refused(cycle):
    with pytest.raises(NotAllowed):
        services.set_capacity(cycle=cycle, capacity=-1)
    cycle.refresh_from_db()
    assert cycle.capacity == 2


def test_no_promotion_after_the_late_join_date(cycle):
    cycle.late_join_on = timezone.localdate() - timedelta(days=1)
    cycle.save()
    first = services.apply(learner=LearnerFactory(), cycle=cycle)
    # After the late-join day nobody takes a seat, not even into an empty cycle.
    assert first.status == S.WAITLISTED
    assert services.set_capacity(cycle=cycle, capacity=10) == []
    assert Enrollment.objects.get(pk=first.pk).status == S.WAITLISTED


def test_applications_outside_the_window_are_refused_and_nothing_is_written(cycle):
    learner = LearnerFactory()
    cycle.applications_open_at = timezone.now() + timedelta(days=1)
    cycle.applications_close_at = timezone.now() + timedelta(days=10)
    cycle.save()
    with pytest.raises(ApplicationsClosed, match="open on"):
        services.apply(learner=learner, cycle=cycle)
    cycle.applications_open_at = timezone.now() - timedelta(days=10)
    cycle.applications_close_at = timezone.now() - timedelta(days=1)
    cycle.save()
    with pytest.raises(ApplicationsClosed, match="closed on"):
        services.apply(learner=learner, cycle=cycle)
    assert not Enrollment.objects.filter(learner=learner).exists()
    assert not EnrollmentEvent.objects.filter(enrollment__learner=learner).exists()


def test_duplicate_application_is_refused_with_the_current_status(cycle):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    with pytest.raises(AlreadyApplied, match="already applied.*Enrolled"):
        services.apply(learner=learner, cycle=cycle)
    assert Enrollment.objects.filter(learner=learner).count() == 1


def test_a_withdrawn_learner_may_apply_again(cycle):
    learner = LearnerFactory()
    services.withdraw(enrollment=services.apply(learner=learner, cycle=cycle))
    again = services.apply(learner=learner, cycle=cycle)
    assert again.status == S.ENROLLED


def test_the_database_refuses_a_second_live_enrollment(cycle):
    from django.db import IntegrityError, transaction

    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(cycle=cycle, learner=learner, status=S.WAITLISTED)


def test_invalid_transitions_raise(cycle):
    enrollment = services.apply(learner=LearnerFactory(), cycle=cycle)
    services.withdraw(enrollment=enrollment)
    with pytest.raises(InvalidTransition, match="withdrawn cannot become withdrawn"):
        services.withdraw(enrollment=enrollment)
    with pytest.raises(NotAllowed, match="no seat offered to you"):
        services.confirm_offer(enrollment=enrollment)


def test_every_change_is_audited_with_who_and_why(cycle):
    admin = AdministratorFactory()
    first, _, third = fill(cycle, 3)
    services.remove(enrollment=first, by=admin, reason="Duplicate account")
    events = list(EnrollmentEvent.objects.filter(enrollment=first).order_by("pk"))
    assert [(e.action, e.to_status) for e in events] == [
        ("applied", "enrolled"),
        ("removed", "withdrawn"),
    ]
    assert events[1].actor == admin and events[1].reason == "Duplicate account"
    promoted = EnrollmentEvent.objects.get(enrollment=third, action="promoted")
    assert promoted.actor is None and "withdrawal" in promoted.reason


def test_admin_actions_need_a_reason(cycle):
    admin = AdministratorFactory()
    enrollment = services.apply(learner=LearnerFactory(), cycle=cycle)
    with pytest.raises(NotAllowed, match="reason"):
        services.remove(enrollment=enrollment, by=admin, reason=" ")
    assert Enrollment.objects.get(pk=enrollment.pk).status == S.ENROLLED


def test_admit_respects_the_cap_and_move_to_head_reorders(cycle):
    admin = AdministratorFactory()
    fill(cycle, 2)
    a, b, c = fill(cycle, 3)
    with pytest.raises(CycleFull, match="Raise the capacity"):
        services.admit(enrollment=c, by=admin, reason="Head of mission request")
    services.move_to_head_of_waitlist(enrollment=c, by=admin, reason="Head of mission request")
    assert [e.pk for e in selectors.waitlist(cycle=cycle)] == [c.pk, a.pk, b.pk]
    services.set_capacity(cycle=cycle, capacity=3)
    assert Enrollment.objects.get(pk=c.pk).status == S.OFFERED
    assert EnrollmentEvent.objects.filter(enrollment=c, action="reprioritised").exists()


def test_seniority_policy_puts_ambassadors_first(cycle):
    cycle.policy = "seniority"
    cycle.save()
    fill(cycle, 2)
    attache = services.apply(learner=LearnerFactory(rank=Rank.ATTACHE), cycle=cycle)
    counsellor = services.apply(learner=LearnerFactory(rank=Rank.COUNSELLOR), cycle=cycle)
    ambassador = services.apply(learner=LearnerFactory(rank=Rank.AMBASSADOR), cycle=cycle)
    deputy = services.apply(learner=LearnerFactory(rank=Rank.DEPUTY), cycle=cycle)
    order = [e.pk for e in selectors.waitlist(cycle=cycle)]
    assert order == [ambassador.pk, deputy.pk, attache.pk, counsellor.pk]


def test_mission_balance_puts_unrepresented_missions_first(cycle):
    cycle.policy = "mission_balance"
    cycle.capacity = 1
    cycle.save()
    services.apply(learner=LearnerFactory(member_state="GHA"), cycle=cycle)  # seated
    ghana_2 = services.apply(learner=LearnerFactory(member_state="GHA"), cycle=cycle)
    peru_1 = services.apply(learner=LearnerFactory(member_state="PER"), cycle=cycle)
    peru_2 = services.apply(learner=LearnerFactory(member_state="PER"), cycle=cycle)
    fiji_1 = services.apply(learner=LearnerFactory(member_state="FJI"), cycle=cycle)
    order = [e.pk for e in selectors.waitlist(cycle=cycle)]
    # Peru and Fiji have nobody seated; once Peru is in line, its second applicant waits
    # behind Fiji, and Ghana (already seated) comes after both.
    assert order == [peru_1.pk, fiji_1.pk, ghana_2.pk, peru_2.pk]
    promoted = services.set_capacity(cycle=cycle, capacity=3)
    assert [e.pk for e in promoted] == [peru_1.pk, fiji_1.pk]


def test_fifo_is_by_application_time(cycle):
    fill(cycle, 2)
    t0 = timezone.now()
    late = services.apply(learner=LearnerFactory(), cycle=cycle, now=t0 + timedelta(seconds=2))
    early = services.apply(learner=LearnerFactory(), cycle=cycle, now=t0 + timedelta(seconds=1))
    assert [e.pk for e in selectors.waitlist(cycle=cycle)] == [early.pk, late.pk]


def test_emails_are_sent_after_commit_in_the_learners_language(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fill(cycle, 2)
    mailoutbox.clear()
    learner = LearnerFactory(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.apply(learner=learner, cycle=cycle)
        assert mailoutbox == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 1
    assert mailoutbox[0].to == [learner.email]
    assert mailoutbox[0].subject == f"Vous êtes sur la liste d'attente du cycle {cycle.code}"
    assert (
        f"Le cycle {cycle.title} ({cycle.code}) est complet. "
        "Vous êtes au rang 1 sur la liste d'attente."
    ) in mailoutbox[0].body
    assert "waitlist" not in mailoutbox[0].subject + mailoutbox[0].body

"""The holes found when the rules were attacked (issue 8), one test per defect, through the
entry points an attacker or a new user would use: the learner's URLs, the profile page,
the verify page, the administrators' screens and the services."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from accounts.models import ProfileChangeRequest, Rank
from accounts.services import decide_profile_change
from certificates import services as certificate_services
from certificates.exceptions import CertificateError
from certificates.models import Certificate
from cms.models import LessonPage
from courses import selectors, services
from courses.exceptions import AlreadyApplied, ApplicationsClosed, CycleFull, NotAllowed
from courses.models import Cycle, CycleEvent, Enrollment, EnrollmentEvent
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def programme():
    return ProgrammeFactory(modules=2, seminar=True, lessons=2)


def lessons_of(programme):
    return [list(m.lessons()) for m in programme.modules()]


def finish_modules(learner, programme):
    """Complete every lesson of the modules (not the seminar's reading)."""
    for module in programme.modules().filter(kind="module"):
        for lesson in module.lessons():
            services.complete_lesson(learner=learner, lesson=lesson)


# --- 1. Overbooking by a waitlisted learner -----------------------------------------------


def test_a_waitlisted_learner_cannot_confirm_a_seat_never_offered(client, programme):
    cycle = CycleFactory(programme=programme, capacity=2)
    for _ in range(2):
        services.apply(learner=LearnerFactory(), cycle=cycle)
    learner = LearnerFactory()
    waiting = services.apply(learner=learner, cycle=cycle)
    assert waiting.status == S.WAITLISTED
    client.force_login(learner)
    response = client.post(reverse("courses:confirm_offer", args=[waiting.pk]), follow=True)
    assert response.status_code == 200
    assert "There is no seat offered to you" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert selectors.seated_count(cycle=cycle) == 2
    assert list(waiting.events.values_list("action", flat=True)) == ["applied"]


def test_learner_actions_refuse_the_wrong_actor(programme):
    cycle = CycleFactory(programme=programme, capacity=1, offer_hours=24)
    first = services.apply(learner=LearnerFactory(), cycle=cycle)
    second = services.apply(learner=LearnerFactory(), cycle=cycle)
    services.withdraw(enrollment=first)
    second.refresh_from_db()
    assert second.status == S.OFFERED
    stranger = LearnerFactory()
    with pytest.raises(NotAllowed):
        services.confirm_offer(enrollment=second, by=stranger)
    with pytest.raises(NotAllowed):
        services.decline_offer(enrollment=second, by=stranger)
    with pytest.raises(NotAllowed):
        services.withdraw(enrollment=second, by=stranger)
    with pytest.raises(NotAllowed):
        services.withdraw(enrollment=second, by=InstructorFactory())
    second.refresh_from_db()
    assert second.status == S.OFFERED


@pytest.mark.parametrize("action", ["admit", "remove", "move_to_head"])
def test_administrators_overrides_refuse_learners_and_instructors(programme, action):
    cycle = CycleFactory(programme=programme, capacity=0)
    learner = LearnerFactory()
    waiting = services.apply(learner=learner, cycle=cycle)
    call = {
        "admit": services.admit,
        "remove": services.remove,
        "move_to_head": services.move_to_head_of_waitlist,
    }[action]
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    for actor in (learner, LearnerFactory(), instructor):
        with pytest.raises(NotAllowed):
            call(enrollment=waiting, by=actor, reason="Because I can")
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED and waiting.priority_boost == 0
    assert waiting.events.count() == 1


def test_admitting_over_the_cap_is_an_explicit_audited_choice(programme):
    cycle = CycleFactory(programme=programme, capacity=1)
    services.apply(learner=LearnerFactory(), cycle=cycle)
    waiting = services.apply(learner=LearnerFactory(), cycle=cycle)
    admin = AdministratorFactory()
    with pytest.raises(CycleFull, match="admit over the capacity"):
        services.admit(enrollment=waiting, by=admin, reason="Minister's request")
    admitted = services.admit(
        enrollment=waiting, by=admin, reason="Minister's request", over_capacity=True
    )
    assert admitted.status == S.ENROLLED
    assert selectors.seated_count(cycle=cycle) == 2
    event = admitted.events.last()
    assert event.action == EnrollmentEvent.Action.ADMITTED_OVER_CAPACITY
    assert event.actor == admin and event.reason == "Minister's request"


# --- 2. Self-promotion --------------------------------------------------------------------


def test_a_learner_cannot_raise_their_own_rank_or_change_mission(client):
    learner = LearnerFactory(rank=Rank.ATTACHE, member_state="FJI")
    client.force_login(learner)
    response = client.post(
        reverse("profile"),
        {
            "form": "profile",
            "first_name": "A",
            "last_name": "B",
            "preferred_language": "en",
            "rank": Rank.AMBASSADOR,
            "member_state": "FRA",
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.rank, learner.member_state) == (Rank.ATTACHE, "FJI")


def test_a_rank_change_is_a_request_an_administrator_decides(client):
    learner = LearnerFactory(rank=Rank.ATTACHE, member_state="FJI")
    client.force_login(learner)
    client.post(
        reverse("profile"),
        {
            "form": "change_request",
            "rank": Rank.AMBASSADOR,
            "member_state": "FJI",
            "note": "Appointed last week",
        },
    )
    change = ProfileChangeRequest.objects.get(user=learner)
    assert change.status == ProfileChangeRequest.Status.PENDING
    learner.refresh_from_db()
    assert learner.rank == Rank.ATTACHE  # nothing changes until an administrator decides
    from accounts.services import ProfileError

    with pytest.raises(ProfileError):
        decide_profile_change(change=change, by=learner, approve=True)
    with pytest.raises(ProfileError):
        decide_profile_change(change=change, by=AdministratorFactory(), approve=False)
    decide_profile_change(change=change, by=AdministratorFactory(), approve=True)
    learner.refresh_from_db()
    assert learner.rank == Rank.AMBASSADOR


def test_an_approved_rank_change_moves_nobody_on_the_waitlist(programme):
    cycle = CycleFactory(programme=programme, capacity=0, policy="seniority")
    waiting = [LearnerFactory(rank=Rank.COUNSELLOR) for _ in range(4)]
    enrollments = [services.apply(learner=learner, cycle=cycle) for learner in waiting]
    climber = enrollments[3]
    assert selectors.waitlist_position(enrollment=climber) == 4
    change = ProfileChangeRequest.objects.create(
        user=waiting[3], rank=Rank.AMBASSADOR, member_state=waiting[3].member_state
    )
    decide_profile_change(change=change, by=AdministratorFactory(), approve=True)
    climber.refresh_from_db()
    assert selectors.waitlist_position(enrollment=climber) == 4
    assert climber.rank == Rank.COUNSELLOR  # ranked with the rank it applied with


def test_the_seminar_requirement_uses_the_rank_the_enrollment_was_judged_with(programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="senior")
    ambassador = LearnerFactory(rank=Rank.AMBASSADOR)
    enrollment = services.apply(learner=ambassador, cycle=cycle)
    change = ProfileChangeRequest.objects.create(
        user=ambassador, rank=Rank.ATTACHE, member_state=ambassador.member_state
    )
    decide_profile_change(change=change, by=AdministratorFactory(), approve=True)
    finish_modules(ambassador, programme)
    enrollment.refresh_from_db()
    assert enrollment.status == S.ENROLLED  # the seminar is still required
    assert not Certificate.objects.filter(enrollment=enrollment).exists()


# --- 3. The verify page shows what was printed ---------------------------------------------


def test_the_verify_page_shows_the_printed_name_not_todays(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory(certificate_name="H.E. Ms. Amina Diallo")
    services.apply(learner=learner, cycle=cycle)
    finish_modules(learner, programme)
    certificate = Certificate.objects.get(enrollment__learner=learner)
    client.force_login(learner)
    client.post(
        reverse("profile"),
        {
            "form": "profile",
            "first_name": "X",
            "last_name": "Y",
            "certificate_name": "Someone Else",
            "preferred_language": "en",
        },
    )
    learner.refresh_from_db()
    assert learner.certificate_name == "Someone Else"
    cycle.title = "Renamed cycle"
    cycle.save()
    client.logout()
    page = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    html = page.content.decode()
    assert "H.E. Ms. Amina Diallo" in html and "Someone Else" not in html
    assert "Renamed cycle" not in html
    certificate.refresh_from_db()
    content = certificate_services.content_for(certificate)
    assert content.learner_name == "H.E. Ms. Amina Diallo"


# --- 4. Revocation sticks ---------------------------------------------------------------------


def test_a_revoked_certificate_stays_revoked_until_an_explicit_reissue(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    finish_modules(learner, programme)
    certificate = enrollment.certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    admin = AdministratorFactory()
    certificate_services.revoke(certificate=certificate, reason="Fraud", by=admin)
    # Bulk issue through the administrators' screen, the service, and the sweeper.
    client.force_login(admin)
    client.post(reverse("certificates_admin:cycle", args=[cycle.pk]))
    assert certificate_services.issue_for_cycle(cycle=cycle) == []
    with pytest.raises(CertificateError, match="revoked"):
        certificate_services.issue(enrollment=enrollment)
    certificate_services.sweep(now=timezone.now() + timedelta(days=1))
    assert not enrollment.certificates.filter(status__in=Certificate.LIVE).exists()
    new = certificate_services.reissue(certificate=certificate, by=admin, reason="Cleared")
    assert new.replaces_id == certificate.pk and new.status == Certificate.Status.PENDING


def test_only_administrators_revoke(programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    finish_modules(learner, programme)
    certificate = enrollment.certificates.get()
    for actor in (learner, InstructorFactory(), None):
        with pytest.raises(CertificateError):
            certificate_services.revoke(certificate=certificate, reason="x", by=actor)
    certificate.refresh_from_db()
    assert certificate.status != Certificate.Status.REVOKED


# --- 5. Publishing mid-cycle does not move the goalposts --------------------------------------


def _publish_lesson(module, title):
    """An instructor's new lesson, published into a module of a running cycle."""
    return module.add_child(
        instance=LessonPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            body=[("rich_text", "<p>New material.</p>")],
        )
    )


def test_a_lesson_published_mid_cycle_does_not_relock_or_uncomplete(programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    running, done = LearnerFactory(), LearnerFactory()
    running_enrollment = services.apply(learner=running, cycle=cycle)
    done_enrollment = services.apply(learner=done, cycle=cycle)
    for lesson in lessons_of(programme)[0]:
        services.complete_lesson(learner=running, lesson=lesson)
    finish_modules(done, programme)
    module_one = programme.modules().first()
    new_lesson = _publish_lesson(module_one, "Added later")

    running_enrollment = Enrollment.objects.get(pk=running_enrollment.pk)  # as a request reads
    progress = selectors.progress_for(enrollment=running_enrollment)
    assert progress.modules[1].is_open  # module 2 stays open
    services.complete_lesson(learner=running, lesson=lessons_of(programme)[1][0])
    done_enrollment.refresh_from_db()
    assert done_enrollment.status == S.COMPLETED
    assert selectors.progress_for(enrollment=done_enrollment).percent == 100
    assert new_lesson.pk not in [lesson.id for lesson in progress.modules[0].lessons]


def test_an_administrator_applies_the_current_curriculum_explicitly(programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    running, done = LearnerFactory(), LearnerFactory()
    running_enrollment = services.apply(learner=running, cycle=cycle)
    done_enrollment = services.apply(learner=done, cycle=cycle)
    services.complete_lesson(learner=running, lesson=lessons_of(programme)[0][0])
    finish_modules(done, programme)
    new_lesson = _publish_lesson(programme.modules().first(), "Correction")
    running_enrollment = Enrollment.objects.get(pk=running_enrollment.pk)
    before = selectors.progress_for(enrollment=running_enrollment)
    assert new_lesson.pk not in [lesson.id for lesson in before.modules[0].lessons]
    with pytest.raises(NotAllowed):
        services.apply_current_curriculum(cycle=cycle, by=InstructorFactory(), reason="x")
    admin = AdministratorFactory()
    services.apply_current_curriculum(cycle=cycle, by=admin, reason="Lesson was missing")
    running_enrollment = Enrollment.objects.get(pk=running_enrollment.pk)
    progress = selectors.progress_for(enrollment=running_enrollment)
    assert new_lesson.pk in [lesson.id for lesson in progress.modules[0].lessons]
    assert progress.lessons_done == 1  # completions kept
    done_enrollment.refresh_from_db()
    assert done_enrollment.status == S.COMPLETED
    assert selectors.progress_for(enrollment=done_enrollment).percent == 100
    event = CycleEvent.objects.get(cycle=cycle, action=CycleEvent.Action.CURRICULUM_APPLIED)
    assert event.actor == admin and event.reason == "Lesson was missing"


# --- 6. One seat per programme -----------------------------------------------------------------


def test_one_unfinished_enrollment_per_learner_and_programme(programme):
    first, second = (CycleFactory(programme=programme, capacity=5) for _ in range(2))
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=first)
    with pytest.raises(AlreadyApplied, match="Withdraw from it first"):
        services.apply(learner=learner, cycle=second)
    assert not second.enrollments.exists()
    # The database holds the rule even for a write that skips the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(cycle=second, learner=learner, status=S.WAITLISTED)


def test_a_learner_who_completed_the_programme_cannot_apply_again(programme):
    first = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    second = CycleFactory(programme=programme, capacity=5)
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=first)
    finish_modules(learner, programme)
    with pytest.raises(NotAllowed, match="completed this programme"):
        services.apply(learner=learner, cycle=second)
    with pytest.raises(NotAllowed):
        services.enrol(learner=learner, cycle=second, by=learner, reason="Again")
    admin = AdministratorFactory()
    again = services.enrol(
        learner=learner, cycle=second, by=admin, reason="Refresher asked by the mission"
    )
    assert again.status == S.ENROLLED
    assert again.events.get().actor == admin


# --- 7. Cycles are cancelled, never deleted with their enrollments ------------------------------


def test_a_cycle_with_enrollments_cannot_be_deleted(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5)
    enrollment = services.apply(learner=LearnerFactory(), cycle=cycle)
    client.force_login(AdministratorFactory())
    response = client.post(reverse("cycles:delete", args=[cycle.pk]))
    assert response.status_code == 302
    assert response.url == reverse("cycles:cancel", args=[cycle.pk])
    assert Cycle.objects.filter(pk=cycle.pk).exists()
    with pytest.raises(ProtectedError):
        cycle.delete()
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()


def test_cancelling_a_cycle_keeps_every_row_and_tells_the_learners(
    client, programme, mailoutbox, django_capture_on_commit_callbacks
):
    cycle = CycleFactory(programme=programme, capacity=1)
    seated = services.apply(learner=LearnerFactory(), cycle=cycle)
    waiting = services.apply(learner=LearnerFactory(), cycle=cycle)
    client.force_login(InstructorFactory())
    refused = client.post(reverse("cycles:cancel", args=[cycle.pk]), {"reason": "x"})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    client.force_login(AdministratorFactory())
    assert client.post(reverse("cycles:cancel", args=[cycle.pk]), {"reason": ""}).status_code == 302
    cycle.refresh_from_db()
    assert not cycle.is_cancelled  # a reason is required
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cycles:cancel", args=[cycle.pk]), {"reason": "Venue closed"})
    cycle.refresh_from_db()
    assert cycle.is_cancelled and not cycle.is_open_for_applications()
    for enrollment in (seated, waiting):
        enrollment.refresh_from_db()
        assert enrollment.status == S.WITHDRAWN
        assert enrollment.events.last().action == EnrollmentEvent.Action.CANCELLED
    assert len(mailoutbox) == 2
    assert all("has been cancelled" in m.subject and "Venue closed" in m.body for m in mailoutbox)
    assert cycle not in selectors.open_cycles()
    assert (
        "was cancelled"
        in client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    )
    with pytest.raises(ApplicationsClosed, match="was cancelled"):
        services.apply(learner=LearnerFactory(), cycle=cycle)


# --- 8. Declining asks first ----------------------------------------------------------------------


def test_decline_asks_for_confirmation_before_giving_the_seat_away(client, programme):
    cycle = CycleFactory(programme=programme, capacity=1, offer_hours=24)
    first = services.apply(learner=LearnerFactory(), cycle=cycle)
    learner = LearnerFactory()
    offered = services.apply(learner=learner, cycle=cycle)
    services.withdraw(enrollment=first)
    offered.refresh_from_db()
    assert offered.status == S.OFFERED
    client.force_login(learner)
    page = client.get(reverse("courses:decline_offer", args=[offered.pk]))
    assert page.status_code == 200
    assert "will go to the next learner" in page.content.decode()
    offered.refresh_from_db()
    assert offered.status == S.OFFERED  # GET changes nothing
    response = client.post(reverse("courses:decline_offer", args=[offered.pk]))
    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.status == S.WITHDRAWN


def test_a_cycle_nobody_applied_to_can_still_be_deleted(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5)
    admin = AdministratorFactory()
    services.set_capacity(cycle=cycle, capacity=8, by=admin)  # leaves a cycle event
    client.force_login(admin)
    response = client.post(reverse("cycles:delete", args=[cycle.pk]))
    assert response.status_code == 302
    assert not Cycle.objects.filter(pk=cycle.pk).exists()


def test_the_cycle_menu_offers_whole_cycle_acts_to_administrators_only(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    cancel = reverse("cycles:cancel", args=[cycle.pk])
    progress = reverse("reports:progress", args=[cycle.pk])
    client.force_login(instructor)
    page = client.get(reverse("cycles:index")).content.decode()
    assert progress in page and cancel not in page
    client.force_login(AdministratorFactory())
    page = client.get(reverse("cycles:index")).content.decode()
    assert progress in page and cancel in page

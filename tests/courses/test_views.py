"""The learner's enrollment pages: plain forms, every refusal explained, nothing written."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from courses.models import Enrollment
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def cycle():
    return CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=1)


def test_open_cycles_show_seats_left_and_the_waitlist(client, cycle):
    html = client.get("/cycles/").content.decode()
    assert cycle.title in html and "1 seat left" in html
    services.apply(learner=LearnerFactory(), cycle=cycle)
    services.apply(learner=LearnerFactory(), cycle=cycle)
    html = client.get("/cycles/").content.decode()
    assert "Full" in html and "1 on the waitlist" in html


def test_applying_to_a_full_cycle_says_the_position(client, cycle):
    services.apply(learner=LearnerFactory(), cycle=cycle)
    client.force_login(LearnerFactory())
    response = client.post(f"/cycles/{cycle.code}/apply/", follow=True)
    assert "is full; you are number 1 on the waitlist" in response.content.decode()


def test_refusals_are_explained_and_write_nothing(client, cycle):
    learner = LearnerFactory()
    client.force_login(learner)
    client.post(f"/cycles/{cycle.code}/apply/")
    response = client.post(f"/cycles/{cycle.code}/apply/", follow=True)
    assert "already applied" in response.content.decode()
    assert Enrollment.objects.filter(learner=learner).count() == 1
    closed = CycleFactory(
        programme=cycle.programme,
        applications_close_at=timezone.now() - timedelta(days=1),
        applications_open_at=timezone.now() - timedelta(days=9),
    )
    response = client.post(f"/cycles/{closed.code}/apply/", follow=True)
    assert "closed on" in response.content.decode()
    assert not closed.enrollments.exists()


def test_bad_urls_and_methods(client, cycle):
    client.force_login(LearnerFactory())
    assert client.post("/cycles/NO-SUCH-CYCLE/apply/").status_code == 404
    assert client.get(f"/cycles/{cycle.code}/apply/").status_code == 405
    assert client.post("/enrollments/999999/confirm/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, cycle):
    response = client.post(f"/cycles/{cycle.code}/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not cycle.enrollments.exists()


def test_another_learners_enrollment_is_a_404(client, cycle):
    enrollment = services.apply(learner=LearnerFactory(), cycle=cycle)
    client.force_login(LearnerFactory())
    assert client.get(f"/enrollments/{enrollment.pk}/withdraw/").status_code == 404
    assert client.post(f"/enrollments/{enrollment.pk}/withdraw/").status_code == 404
    assert Enrollment.objects.get(pk=enrollment.pk).status == S.ENROLLED


def test_withdrawal_asks_first_then_frees_the_seat(client, cycle):
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    waiting = services.apply(learner=LearnerFactory(), cycle=cycle)
    client.force_login(learner)
    page = client.get(f"/enrollments/{enrollment.pk}/withdraw/").content.decode()
    assert "Yes, withdraw" in page
    assert Enrollment.objects.get(pk=enrollment.pk).status == S.ENROLLED  # GET changes nothing
    client.post(f"/enrollments/{enrollment.pk}/withdraw/", {"reason": "Posted to Geneva"})
    assert Enrollment.objects.get(pk=enrollment.pk).status == S.WITHDRAWN
    assert Enrollment.objects.get(pk=waiting.pk).status == S.OFFERED


def test_offer_can_be_confirmed_or_declined_from_my_learning(client, cycle):
    first = services.apply(learner=LearnerFactory(), cycle=cycle)
    learner = LearnerFactory()
    mine = services.apply(learner=learner, cycle=cycle)
    services.withdraw(enrollment=first)
    client.force_login(learner)
    page = client.get("/my/").content.decode()
    assert "Confirm my seat" in page and "Decline" in page
    client.post(f"/enrollments/{mine.pk}/confirm/")
    assert Enrollment.objects.get(pk=mine.pk).status == S.ENROLLED
    response = client.post(f"/enrollments/{mine.pk}/confirm/", follow=True)
    assert "There is no seat offered to you" in response.content.decode()  # explained

"""`manage.py seed_scale` writes a large history in bulk that keeps every rule the services
keep, and a second run adds nothing. Small sizes here; runs on SQLite and PostgreSQL."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.test import override_settings

from accounts.models import User
from certificates.models import Certificate
from courses import selectors
from courses.models import Cycle, Enrollment, EnrollmentEvent, LessonCompletion
from demo.scale_people import VETERAN
from demo.scale_rules import RuleBroken, check_rules

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
S = Enrollment.Status


def _counts():
    return (
        User.objects.count(),
        Cycle.objects.count(),
        Enrollment.objects.count(),
        EnrollmentEvent.objects.count(),
        LessonCompletion.objects.count(),
        Certificate.objects.count(),
    )


def test_seed_scale_keeps_every_rule_and_can_run_twice():
    out = io.StringIO()
    call_command("seed_scale", learners=300, cycles=12, stdout=out)
    assert "3 programmes" in out.getvalue()
    first = _counts()
    cycles = Cycle.objects.filter(code__startswith="SCALE-").annotate(
        seated=Count("enrollments", filter=Q(enrollments__status__in=Enrollment.SEATED)),
        waiting=Count("enrollments", filter=Q(enrollments__status=S.WAITLISTED)),
    )
    assert cycles.count() == 12
    for cycle in cycles:
        assert 20 <= cycle.capacity <= 60
        assert cycle.seated <= cycle.capacity
        assert cycle.waiting == 0 or cycle.seated == cycle.capacity
    # Past cycles finished: completions, issued certificates, a withdrawn waitlist; current
    # and future ones have enrolled and waitlisted learners; most cycles are oversubscribed.
    statuses = set(Enrollment.objects.values_list("status", flat=True))
    assert statuses == {S.COMPLETED, S.WITHDRAWN, S.ENROLLED, S.WAITLISTED}
    assert cycles.filter(waiting__gt=0).exists()
    unfinished = (
        Enrollment.objects.filter(status__in=Enrollment.UNFINISHED)
        .values("learner", "programme")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not unfinished.exists()
    assert not Enrollment.objects.exclude(programme=F("cycle__programme")).exists()
    assert not Enrollment.objects.exclude(rank=F("learner__rank")).exists()
    assert not Enrollment.objects.exclude(member_state=F("learner__member_state")).exists()
    completed = Enrollment.objects.filter(status=S.COMPLETED).select_related("cycle", "learner")
    assert completed.count() == Certificate.objects.filter(status="issued").count() > 0
    sample = completed.first()
    # Through the real selector: the seeded completions make the enrollment complete.
    assert selectors.progress_for(enrollment=sample).requirements_met
    certificate = sample.certificates.get()
    assert certificate.serial.startswith(f"{sample.cycle.code}-0")
    assert certificate.issued_at and not certificate.pdf
    for enrollment in Enrollment.objects.all()[:50]:
        actions = list(enrollment.events.values_list("action", flat=True))
        expected = {
            S.ENROLLED: ["applied"],
            S.WAITLISTED: ["applied"],
            S.COMPLETED: ["applied", "completed"],
            S.WITHDRAWN: ["applied", "withdrawn"],
        }
        assert actions == expected[enrollment.status]
    veteran = User.objects.get(email=VETERAN)
    assert veteran.enrollments.filter(status=S.COMPLETED).count() == 3  # one per programme

    call_command("seed_scale", learners=300, cycles=12, stdout=io.StringIO())
    assert _counts() == first


def test_check_rules_finds_a_broken_seat_rule():
    call_command("seed_scale", learners=120, cycles=4, stdout=io.StringIO())
    cycle = Cycle.objects.filter(enrollments__status=S.WAITLISTED).first()
    Cycle.objects.filter(pk=cycle.pk).update(capacity=cycle.capacity + 1)
    with pytest.raises(RuleBroken, match="waitlist and a free seat"):
        check_rules()


@override_settings(LMS_ENVIRONMENT="production")
def test_seed_scale_refuses_production_settings():
    with pytest.raises(CommandError, match="production"):
        call_command("seed_scale", quick=True, stdout=io.StringIO())
    assert not Cycle.objects.exists()

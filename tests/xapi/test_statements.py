"""A learner's whole way through a cycle, against a real Ralph LRS: exactly one statement
per event reaches the LRS, each valid by Ralph's own xAPI model, none naming the learner's
e-mail; sending everything again stores nothing more; with XAPI_LRS_URL unset nothing is
written."""

from collections import Counter

import pytest
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import Certificate
from courses import services
from outbox.models import OutboxMessage
from outbox.services import send_pending
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory
from xapi.lrs import STATEMENT

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def course():
    programme = ProgrammeFactory(modules=1, seminar=True, lessons=2, checks=True)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="all")
    first, second = programme.modules().first().lessons()
    return cycle, first, second


def _journey(cycle, first, second):
    """Apply, study, fail then pass the check, attend, complete, be certified (and have the
    certificate revoked); another learner applies and withdraws."""
    learner, other, admin = LearnerFactory(), LearnerFactory(), AdministratorFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    services.complete_lesson(learner=learner, lesson=first)
    block_id = next(iter(services.knowledge_checks(second)))
    wrong, right = {"q0": "0", "q1": "0"}, {"q0": "1", "q1": "1"}
    assert not services.submit_knowledge_check(
        learner=learner, lesson=second, block_id=block_id, answers=wrong
    ).passed
    assert services.submit_knowledge_check(
        learner=learner, lesson=second, block_id=block_id, answers=right
    ).passed
    services.record_attendance(enrollment=enrollment, attended=True, by=admin)
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    certificate = Certificate.objects.get(enrollment=enrollment)
    certificate_services.revoke(certificate=certificate, reason="Issued in error.", by=admin)

    withdrawn = services.apply(learner=other, cycle=cycle)
    services.withdraw(enrollment=withdrawn, by=other)
    return learner, other


def test_each_event_is_one_valid_statement_at_the_lrs(lrs, course):
    cycle, first, second = course
    learner, other = _journey(*course)

    stored = lrs.stored()
    verbs = Counter((s["actor"]["account"]["name"], s["verb"]["display"]["en-US"]) for s in stored)
    me, them = str(learner.pk), str(other.pk)
    assert verbs == {
        (me, "registered"): 1,
        (me, "joined"): 1,
        (me, "completed"): 3,  # two lessons and the cycle
        (me, "failed"): 1,
        (me, "passed"): 1,
        (me, "attended"): 1,
        (me, "earned"): 1,
        (me, "revoked"): 1,
        (them, "registered"): 1,
        (them, "joined"): 1,
        (them, "left"): 1,
    }
    assert len({s["id"] for s in stored}) == len(stored) == 13
    # What the LRS serves is what the outbox wrote, one row per statement, all sent.
    rows = OutboxMessage.objects.filter(kind=STATEMENT)
    assert {row.payload["statement"]["id"] for row in rows} == {s["id"] for s in lrs.query()}
    assert not rows.filter(sent_at__isnull=True).exists()

    completed = {s["object"]["id"] for s in stored if s["verb"]["display"]["en-US"] == "completed"}
    site = "http://testserver"
    assert completed == {
        site + first.url,
        site + second.url,
        f"{site}/cycles/{cycle.code}/",
    }
    assert all(s["actor"]["account"]["homePage"] == site for s in stored)
    assert learner.email not in str(stored) and other.email not in str(stored)
    assert lrs.validation_errors(stored) == []


def test_sending_everything_again_stores_nothing_more(lrs, course):
    _journey(*course)
    assert len(lrs.stored()) == 13
    # As if every sender had died after the LRS answered: each statement goes again.
    OutboxMessage.objects.filter(kind=STATEMENT).update(
        sent_at=None, claimed_at=None, available_at=timezone.now()
    )
    assert send_pending() == 13
    assert len(lrs.stored()) == 13


def test_nothing_is_written_while_xapi_is_off(settings, course):
    settings.XAPI_LRS_URL = ""
    _journey(*course)
    assert not OutboxMessage.objects.filter(kind=STATEMENT).exists()

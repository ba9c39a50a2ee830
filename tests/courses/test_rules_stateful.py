"""A stateful property test: random sequences of apply / withdraw / confirm / decline /
expire / set_capacity, with every rule of DESIGN.md about seats checked after each step."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from courses import selectors, services
from courses.exceptions import EnrollmentError
from courses.models import Enrollment, EnrollmentEvent
from lms.models import Rank
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

S = Enrollment.Status
MISSIONS = ["GHA", "PER", "FJI", "EGY"]
RANKS = [Rank.AMBASSADOR, Rank.COUNSELLOR, Rank.ATTACHE]


class EnrollmentMachine(RuleBasedStateMachine):
    programme = None  # built once per test, shared by the examples

    @initialize(
        capacity=st.integers(min_value=0, max_value=4),
        policy=st.sampled_from(["fifo", "seniority", "mission_balance"]),
        offer_hours=st.sampled_from([0, 24]),
    )
    def start(self, capacity, policy, offer_hours):
        self.cycle = CycleFactory(
            programme=self.programme, capacity=capacity, policy=policy, offer_hours=offer_hours
        )
        self.learners = [
            LearnerFactory(member_state=MISSIONS[i % 4], rank=RANKS[i % 3]) for i in range(8)
        ]
        # The most seats there may legitimately be: the cap, or more only while a lowered
        # cap has not yet been reached by departures (rule 1: lowering removes nobody).
        self.allowed = capacity

    # --- helpers ---
    def enrollments(self, *statuses):
        return list(self.cycle.enrollments.filter(status__in=statuses).order_by("pk"))

    def seated(self):
        return selectors.seated_count(cycle=self.cycle)

    # --- rules ---
    @rule(i=st.integers(min_value=0, max_value=7))
    def apply(self, i):
        try:
            services.apply(learner=self.learners[i], cycle=self.cycle)
        except EnrollmentError:
            # Refused only because this learner already has a live enrollment.
            assert self.cycle.enrollments.filter(
                learner=self.learners[i], status__in=Enrollment.LIVE
            ).exists()

    @rule(data=st.data())
    def withdraw(self, data):
        live = self.enrollments(S.WAITLISTED, S.OFFERED, S.ENROLLED)
        if live:
            services.withdraw(enrollment=data.draw(st.sampled_from(live)))

    @rule(data=st.data())
    def confirm(self, data):
        offered = self.enrollments(S.OFFERED)
        if offered:
            services.confirm_offer(enrollment=data.draw(st.sampled_from(offered)))

    @rule(data=st.data())
    def decline(self, data):
        offered = self.enrollments(S.OFFERED)
        if offered:
            services.decline_offer(enrollment=data.draw(st.sampled_from(offered)))

    @rule()
    def expire(self):
        offered = self.enrollments(S.OFFERED)
        if offered:
            latest = max(e.offer_expires_at for e in offered)
            services.expire_offers(now=latest + timedelta(seconds=1))

    @rule(capacity=st.integers(min_value=0, max_value=6))
    def set_capacity(self, capacity):
        seated_before = self.seated()
        services.set_capacity(cycle=self.cycle, capacity=capacity)
        self.cycle.refresh_from_db()
        self.allowed = max(capacity, min(seated_before, self.allowed))

    # --- rules that must always hold ---
    @invariant()
    def never_more_seats_than_allowed(self):
        seated = self.seated()
        assert seated <= self.allowed
        # Departures bring a lowered cap back into force.
        self.allowed = max(self.cycle.capacity, seated)

    @invariant()
    def a_free_seat_never_waits(self):
        waiting = self.cycle.enrollments.filter(status=S.WAITLISTED).count()
        if waiting:
            assert self.seated() >= self.cycle.capacity

    @invariant()
    def one_live_enrollment_per_learner(self):
        learner_ids = list(
            self.cycle.enrollments.filter(status__in=Enrollment.LIVE)
            .values_list("learner_id", flat=True)
        )
        assert len(learner_ids) == len(set(learner_ids))

    @invariant()
    def waitlist_positions_are_distinct_and_dense(self):
        positions = selectors.waitlist_positions(cycle=self.cycle)
        assert sorted(positions.values()) == list(range(1, len(positions) + 1))

    @invariant()
    def offers_have_deadlines_and_the_audit_trail_matches(self):
        for enrollment in self.cycle.enrollments.all():
            last = EnrollmentEvent.objects.filter(enrollment=enrollment).order_by("pk").last()
            assert last is not None and last.to_status == enrollment.status
            if enrollment.status == S.OFFERED:
                assert enrollment.offer_expires_at is not None


@pytest.mark.slow
@pytest.mark.django_db
def test_enrollment_rules_hold_for_random_sequences():
    EnrollmentMachine.programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    EnrollmentMachine.TestCase.settings = settings(
        max_examples=40, stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    EnrollmentMachine.TestCase().runTest()

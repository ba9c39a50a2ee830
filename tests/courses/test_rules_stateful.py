"""A stateful property test: random sequences of every actor's actions — learners applying,
confirming, declining and withdrawing (their own enrollments and, as misuse, anyone's, in
any status), administrators admitting (within and over the cap), removing, reordering and
changing the capacity, offers expiring — on two cycles of one programme, with every rule
about seats checked after each step (docs/architecture.md, rules 1, 2, 6 and 8)."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from accounts.models import Rank
from courses import selectors, services
from courses.exceptions import EnrollmentError
from courses.models import Enrollment, EnrollmentEvent
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

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
        self.cycles = [
            CycleFactory(
                programme=self.programme, capacity=capacity, policy=policy, offer_hours=offer_hours
            )
            for _ in range(2)
        ]
        self.learners = [
            LearnerFactory(member_state=MISSIONS[i % 4], rank=RANKS[i % 3]) for i in range(8)
        ]
        self.admin = AdministratorFactory()
        # The most seats each cycle may legitimately hold: the cap, more only while a
        # lowered cap has not yet been reached by departures (lowering removes nobody), plus
        # every explicit, audited admission over the cap.
        self.allowed = {c.pk: capacity for c in self.cycles}

    # --- helpers ---
    def enrollments(self, *statuses):
        return list(
            Enrollment.objects.filter(cycle__in=self.cycles, status__in=statuses)
            .select_related("cycle")
            .order_by("pk")
        )

    def everyone(self):
        return list(
            Enrollment.objects.filter(cycle__in=self.cycles).select_related("cycle").order_by("pk")
        )

    def seated(self, cycle):
        return selectors.seated_count(cycle=cycle)

    # --- learners, using their own enrollments as intended ---
    @rule(i=st.integers(min_value=0, max_value=7), c=st.integers(min_value=0, max_value=1))
    def apply(self, i, c):
        learner, cycle = self.learners[i], self.cycles[c]
        try:
            services.apply(learner=learner, cycle=cycle)
        except EnrollmentError:
            # Refused only for a live enrollment in this cycle, an unfinished one in the
            # other cycle of the programme, or a completed programme.
            assert Enrollment.objects.filter(
                learner=learner,
                cycle__in=self.cycles,
                status__in=[*Enrollment.UNFINISHED, S.COMPLETED],
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

    # --- learners misusing the actions: any enrollment, any status, anyone's ---
    @rule(
        data=st.data(),
        action=st.sampled_from(["confirm", "decline", "withdraw"]),
        own=st.booleans(),
    )
    def misuse(self, data, action, own):
        everyone = self.everyone()
        if not everyone:
            return
        target = data.draw(st.sampled_from(everyone))
        actor = target.learner if own else data.draw(st.sampled_from(self.learners))
        before = target.status
        call = {
            "confirm": services.confirm_offer,
            "decline": services.decline_offer,
            "withdraw": services.withdraw,
        }[action]
        try:
            call(enrollment=target, by=actor)
        except EnrollmentError:
            target.refresh_from_db()
            # A refusal writes nothing (a late confirmation expires the offer, by design).
            assert target.status in (before, S.EXPIRED)
        else:
            assert actor.pk == target.learner_id, "acted on someone else's enrollment"
            allowed = {
                "confirm": {S.OFFERED},
                "decline": {S.OFFERED},
                "withdraw": set(Enrollment.UNFINISHED),
            }[action]
            assert before in allowed, f"{action} succeeded on a {before} enrollment"

    # --- administrators ---
    @rule(data=st.data(), over=st.booleans())
    def admit(self, data, over):
        waiting = self.enrollments(S.WAITLISTED)
        if not waiting:
            return
        target = data.draw(st.sampled_from(waiting))
        full = self.seated(target.cycle) >= target.cycle.capacity
        try:
            services.admit(enrollment=target, by=self.admin, reason="Test", over_capacity=over)
        except EnrollmentError:
            assert full and not over
        else:
            if full:
                self.allowed[target.cycle_id] += 1

    @rule(data=st.data())
    def remove(self, data):
        live = self.enrollments(S.WAITLISTED, S.OFFERED, S.ENROLLED)
        if live:
            services.remove(
                enrollment=data.draw(st.sampled_from(live)), by=self.admin, reason="Test"
            )

    @rule(data=st.data())
    def move_to_head(self, data):
        waiting = self.enrollments(S.WAITLISTED)
        if waiting:
            services.move_to_head_of_waitlist(
                enrollment=data.draw(st.sampled_from(waiting)), by=self.admin, reason="Test"
            )

    @rule()
    def expire(self):
        offered = self.enrollments(S.OFFERED)
        if offered:
            latest = max(e.offer_expires_at for e in offered)
            services.expire_offers(now=latest + timedelta(seconds=1))

    @rule(capacity=st.integers(min_value=0, max_value=6), c=st.integers(min_value=0, max_value=1))
    def set_capacity(self, capacity, c):
        cycle = self.cycles[c]
        seated_before = self.seated(cycle)
        services.set_capacity(cycle=cycle, capacity=capacity, by=self.admin)
        cycle.refresh_from_db()
        self.allowed[cycle.pk] = max(capacity, min(seated_before, self.allowed[cycle.pk]))

    # --- rules that must always hold ---
    @invariant()
    def never_more_seats_than_allowed(self):
        for cycle in self.cycles:
            cycle.refresh_from_db()
            seated = self.seated(cycle)
            assert seated <= self.allowed[cycle.pk]
            # Departures bring a lowered cap (and an over-cap admission) back into force.
            self.allowed[cycle.pk] = max(cycle.capacity, seated)

    @invariant()
    def a_free_seat_never_waits(self):
        for cycle in self.cycles:
            if cycle.enrollments.filter(status=S.WAITLISTED).exists():
                assert self.seated(cycle) >= cycle.capacity

    @invariant()
    def one_unfinished_enrollment_per_learner_and_programme(self):
        learner_ids = list(
            Enrollment.objects.filter(
                cycle__in=self.cycles, status__in=Enrollment.UNFINISHED
            ).values_list("learner_id", flat=True)
        )
        assert len(learner_ids) == len(set(learner_ids))

    @invariant()
    def waitlist_positions_are_1_to_n(self):
        for cycle in self.cycles:
            positions = selectors.waitlist_positions(cycle=cycle)
            assert sorted(positions.values()) == list(range(1, len(positions) + 1))

    @invariant()
    def offers_have_deadlines_and_the_audit_trail_matches(self):
        for enrollment in self.everyone():
            last = EnrollmentEvent.objects.filter(enrollment=enrollment).order_by("pk").last()
            assert last is not None and last.to_status == enrollment.status
            if enrollment.status == S.OFFERED:
                assert enrollment.offer_expires_at is not None


@pytest.mark.slow
@pytest.mark.django_db
def test_enrollment_rules_hold_for_random_sequences():
    EnrollmentMachine.programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    EnrollmentMachine.TestCase.settings = settings(
        max_examples=30,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    EnrollmentMachine.TestCase().runTest()

"""Reports against a dataset built here: every number of the funnel and of the Member State
table asserted, the SVG charts carry a title and a table, instructors see their cycles
only, exports work, and query counts stay flat from 10 to 1,000 enrollments."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from certificates import services as certificate_services
from courses import services
from courses.models import Enrollment, EnrollmentEvent
from reports import selectors
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status
REPORTS = [
    "reports:funnel",
    "reports:demand",
    "reports:member_states",
    "reports:certificates",
    "reports:drop_off",
    "reports:knowledge_checks",
]


@pytest.fixture
def dataset():
    """Cycle A (2 seats, 5 applicants): L1 completes and is certified; L2 withdraws; L3 is
    offered the seat and declines; L4 lets the offer expire; L5 confirms. Cycle B belongs
    to another instructor."""
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=2, code="PATIT-2026-A")
    other = CycleFactory(programme=programme, capacity=3, code="PATIT-2026-B")
    states = ["GHA", "GHA", "FRA", "BRA", "JPN"]
    learners = [LearnerFactory(member_state=code) for code in states]
    enrollments = [services.apply(learner=learner, cycle=cycle) for learner in learners]
    l1, l2, l3, l4, l5 = enrollments
    services.complete_lesson(learner=learners[0], lesson=programme.modules().first().lessons()[0])
    certificate_services.render_certificate(certificate_id=l1.certificates.get().pk)
    services.withdraw(enrollment=l2, by=learners[1])
    services.decline_offer(enrollment=Enrollment.objects.get(pk=l3.pk), by=learners[2])
    services.expire_offers(now=timezone.now() + timedelta(hours=49))
    services.confirm_offer(enrollment=Enrollment.objects.get(pk=l5.pk), by=learners[4])
    services.apply(learner=LearnerFactory(member_state="NOR"), cycle=other)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    return dict(programme=programme, cycle=cycle, other=other, instructor=instructor)


def test_every_number_of_the_funnel(dataset):
    [row] = selectors.funnel(cycles=type(dataset["cycle"]).objects.filter(code="PATIT-2026-A"))
    assert row == {
        "cycle": "PATIT-2026-A",
        "programme": dataset["programme"].short_title,
        "year": dataset["cycle"].year,
        "capacity": 2,
        "applied": 5,
        "waitlisted": 3,
        "seated": 5,
        "confirmed": 3,
        "completed": 1,
        "certified": 1,
        "offers_expired": 1,
        "declined": 1,
        "withdrawn": 1,
        "not_completed": 0,
        "oversubscription": 2.5,
    }


def test_the_member_state_table_lists_everyone_and_the_regional_groups(dataset):
    from courses.models import Cycle

    states, groups = selectors.member_states(cycles=Cycle.objects.filter(code="PATIT-2026-A"))
    by_code = {row["code"]: row for row in states}
    assert len(states) == 193  # every Member State, also those that never took part
    assert by_code["GHA"] == {
        "code": "GHA",
        "name": "Ghana",
        "group": "African Group",
        "applied": 2,
        "seated": 2,
        "completed": 1,
        "completion_rate": 0.5,
    }
    for code in ("FRA", "BRA", "JPN"):
        assert (
            by_code[code]["applied"],
            by_code[code]["seated"],
            by_code[code]["completed"],
            by_code[code]["completion_rate"],
        ) == (1, 1, 0, 0.0)
    assert (by_code["AFG"]["applied"], by_code["AFG"]["completion_rate"]) == (0, None)
    assert by_code["NOR"]["applied"] == 0  # cycle B is filtered out
    assert sum(row["applied"] for row in states) == 5
    by_group = {row["group"]: row for row in groups}
    assert by_group["African Group"] == {
        "group": "African Group",
        "applied": 2,
        "seated": 2,
        "completed": 1,
        "states": 54,
        "took_part": 1,
        "completion_rate": 0.5,
    }
    assert (
        by_group["Western European and Others Group"]["applied"],
        by_group["Western European and Others Group"]["states"],
    ) == (1, 29)
    assert by_group["Latin American and Caribbean Group"]["seated"] == 1
    assert by_group["Asia-Pacific Group"]["applied"] == 1
    assert by_group["Eastern European Group"]["applied"] == 0


def test_pages_draw_charts_with_title_and_table_and_export(dataset, client):
    client.force_login(AdministratorFactory())
    page = client.get(reverse("reports:funnel")).content.decode()
    assert '<title id="funnel-title">From application to certificate</title>' in page
    assert "<caption>From application to certificate</caption>" in page
    assert "<td>PATIT-2026-A</td><td>5</td><td>5</td><td>3</td><td>1</td><td>1</td>" in page
    assert "<svg" in page and "<script" not in page.split("<svg", 1)[1].split("</svg>")[0]
    demand = client.get(reverse("reports:demand")).content.decode()
    assert '<title id="demand-title">Applications and seats per cycle</title>' in demand
    groups = client.get(reverse("reports:member_states")).content.decode()
    assert '<title id="groups-title">Participation per regional group</title>' in groups
    csv = client.get(reverse("reports:funnel") + "?export=csv")
    text = b"".join(csv.streaming_content).decode()
    assert (
        "PATIT-2026-A,{},{},2,5,5,3,1,1,3,1,1,1,0,2.5".format(
            dataset["programme"].short_title, dataset["cycle"].year
        )
        in text
    )
    xlsx = client.get(reverse("reports:member_states") + "?export=xlsx&cycle=PATIT-2026-A")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    ghana = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "GHA")
    assert ghana[3:6] == (2, 2, 1)


def test_filters_and_an_instructor_sees_only_their_cycles(dataset, client):
    client.force_login(dataset["instructor"])
    page = client.get(reverse("reports:funnel")).content.decode()
    assert "PATIT-2026-A" in page and "PATIT-2026-B" not in page
    states = client.get(reverse("reports:member_states") + "?export=csv")
    # Norway took part in cycle B only: listed, with zeros, for this instructor.
    assert (
        "NOR,Norway,Western European and Others Group,0,0,0,"
        in b"".join(states.streaming_content).decode()
    )
    client.force_login(AdministratorFactory())
    filtered = client.get(reverse("reports:funnel") + "?cycle=PATIT-2026-B").content.decode()
    assert "<td>PATIT-2026-B</td>" in filtered and "<td>PATIT-2026-A</td>" not in filtered
    assert (
        "<td>PATIT-2026-A</td>"
        not in client.get(reverse("reports:funnel") + "?year=1999").content.decode()
    )
    client.force_login(InstructorFactory())  # no cycle at all
    assert client.get(reverse("reports:funnel")).status_code == 302


def _bulk(cycle, n, start):
    users = User.objects.bulk_create(
        [
            User(
                email=f"bulk{start + i}@missions.example.org",
                member_state=("GHA", "FRA")[i % 2],
                rank="first_secretary",
            )
            for i in range(n)
        ]
    )
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                cycle=cycle,
                programme_id=cycle.programme_id,
                learner=user,
                status=S.ENROLLED,
                member_state=user.member_state,
            )
            for user in users
        ]
    )
    EnrollmentEvent.objects.bulk_create(
        [EnrollmentEvent(enrollment=e, action="applied", to_status=S.ENROLLED) for e in enrollments]
    )


def test_query_counts_stay_flat_from_10_to_1000_enrollments(client, django_assert_max_num_queries):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    small, big = (CycleFactory(programme=programme, capacity=2000) for _ in range(2))
    _bulk(small, 10, 0)
    client.force_login(AdministratorFactory())
    counts = {}
    for name in REPORTS:
        client.get(reverse(name), {"cycle": small.code})
        with CaptureQueriesContext(connection) as run:
            assert client.get(reverse(name), {"cycle": small.code}).status_code == 200
        counts[name] = len(run.captured_queries)
    _bulk(big, 1000, 10)
    for name in REPORTS:
        with django_assert_max_num_queries(counts[name]):
            response = client.get(reverse(name), {"cycle": big.code})
        assert response.status_code == 200
    assert (
        "<td>1000</td>"
        in client.get(reverse("reports:funnel"), {"cycle": big.code}).content.decode()
    )


def test_module_drop_off_and_the_home_panel(dataset, client):
    from courses.models import Cycle

    rows = selectors.module_drop_off(cycles=Cycle.objects.filter(code="PATIT-2026-A"))
    assert rows == [
        {"cycle": "PATIT-2026-A", "module": "Module 1", "seated": 5, "started": 1, "finished": 1}
    ]
    client.force_login(AdministratorFactory())
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<title id="current-fill-title">Seats taken in the current cycles</title>' in home
    assert "<td>PATIT-2026-A</td><td>2</td><td>2</td><td>0</td>" in home
    page = client.get(reverse("reports:drop_off")).content.decode()
    assert '<title id="drop-off-title">Where learners stop</title>' in page

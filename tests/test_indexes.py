"""Every query of a learner's or a cycle's pages can use an index on the big tables
(enrollments, their events, lesson completions, knowledge-check attempts, certificates).

PostgreSQL is asked for each captured query's plan with sequential scans priced out
(`enable_seqscan = off`): the planner then takes any usable index, so a sequential scan left
in the plan means no index serves that filter, whatever the size of the data.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import services as certificate_services
from courses import services
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
BIG_TABLES = (
    "courses_enrollment",
    "courses_enrollmentevent",
    "courses_lessoncompletion",
    "courses_knowledgecheckattempt",
    "certificates_certificate",
)


def sequential_scans(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return [table for table in BIG_TABLES if f"Seq Scan on {table}" in plan]


def scans_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        if any(table in sql for table in BIG_TABLES):
            # Captured SQL has its parameters inlined: explain it as it ran.
            for table in sequential_scans(sql, None):
                found.append(f"{url}: {table}: {sql[:300]}")
    return found


def test_learner_and_cycle_pages_use_indexes(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2, checks=True)
    cycle = CycleFactory(programme=programme, capacity=3, seminar_requirement="none")
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    learners = LearnerFactory.create_batch(5)
    for learner in learners:
        services.apply(learner=learner, cycle=cycle)
    first, last = programme.modules().first().lessons()
    learner = learners[0]
    services.complete_lesson(learner=learner, lesson=first)
    block_id = next(iter(services.knowledge_checks(last)))
    services.submit_knowledge_check(
        learner=learner, lesson=last, block_id=block_id, answers={"q0": "1", "q1": "1"}
    )
    certificate = learner.enrollments.get().certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    waiting = learners[-1]

    found = []
    client.force_login(learner)
    for url in (
        reverse("courses:my_learning"),
        first.url,
        reverse("certificates:mine"),
        reverse("courses:cycle_detail", args=[cycle.code]),
        reverse("courses:cycle_list"),
    ):
        found += scans_of(client, url)
    client.force_login(waiting)
    found += scans_of(client, reverse("courses:my_learning"))
    client.logout()
    found += scans_of(client, reverse("certificates:verify_code", args=[certificate.code]))
    client.force_login(instructor)
    for url in (
        reverse("reports:progress", args=[cycle.pk]),
        reverse("roster:index") + f"?cycle={cycle.pk}",
        reverse("seminars_admin:attendance", args=[cycle.pk]),
    ):
        found += scans_of(client, url)
    client.force_login(AdministratorFactory())
    found += scans_of(client, reverse("certificates_admin:index") + f"?cycle={cycle.pk}")
    assert not found, "\n".join(found)


def test_the_check_sees_a_filter_no_index_serves():
    # `rank` is not indexed (nothing filters enrollments by it alone): the check must say so.
    sql = "SELECT id FROM courses_enrollment WHERE rank = 'attache'"
    assert sequential_scans(sql, None) == ["courses_enrollment"]


def plan_without_sorting(sql):
    """The plan PostgreSQL takes with sorts priced out: a Sort left in it means no index
    gives the rows in the order asked."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_sort = on")
    return plan


def test_the_progress_matrix_reads_its_order_from_an_index(client):
    """The matrix's page of a cycle of 2,000 is the first 50 names: read from the index
    user_name_order, not a sort of every learner of the cycle."""
    cycle = CycleFactory(programme=ProgrammeFactory(modules=1, lessons=1), capacity=20)
    for learner in LearnerFactory.create_batch(12):
        services.apply(learner=learner, cycle=cycle)
    client.force_login(AdministratorFactory())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:progress", args=[cycle.pk]))
    assert response.status_code == 200
    (page,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "courses_enrollment"."id"') and "ORDER BY" in q["sql"]
    ]
    plan = plan_without_sorting(page)
    assert "Sort" not in plan and "user_name_order" in plan, plan


def test_the_sort_check_sees_an_order_no_index_serves():
    plan = plan_without_sorting("SELECT id FROM lms_user ORDER BY certificate_name")
    assert "Sort" in plan

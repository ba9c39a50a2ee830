"""The test suite's own machinery (tests/conftest.py, tests/suite_plan.py): what makes it
fast must not make it wrong."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import CycleFactory, LearnerFactory


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_flush_after_a_transactional_test_empties_every_table_on_postgresql():
    from courses import services

    cycle = CycleFactory(capacity=1)
    services.apply(learner=LearnerFactory(), cycle=cycle)
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    # As a transactional test's teardown calls it (TransactionTestCase._fixture_teardown),
    # inside this test's transaction: the rows come back when it rolls back.
    call_command(
        "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
    )
    with connection.cursor() as cursor:
        left = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            if count := cursor.fetchone()[0]:
                left[table] = count
    assert left == {}
    sql = connection.ops.sql_flush(None, tables)
    assert sql[0].startswith("SET CONSTRAINTS ALL DEFERRED; DELETE FROM"), sql[0][:80]

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


def _rows() -> dict[str, list[str]]:
    """Every model table's rows as text, sorted; a link table's without its id, which the
    restore draws from the sequence (Django's as ours, in an order of its own)."""
    from django.apps import apps

    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    rows = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table not in existing or table in rows or model._meta.proxy:
                continue
            if model._meta.auto_created:
                columns = [quote(f.column) for f in model._meta.local_concrete_fields]
                columns.remove(quote(model._meta.pk.column))
                row = f"ROW({', '.join(columns)})"
            else:
                row = "t"  # every column, also any the model does not name
            cursor.execute(f"SELECT {row}::text FROM {quote(table)} t ORDER BY 1")  # noqa: S608
            rows[table] = [text for (text,) in cursor.fetchall()]
    return rows


def _sequences() -> dict[str, int | None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
        return dict(cursor.fetchall())


def _restored(start, restore) -> tuple[dict, dict]:
    """The rows after `start()` then `restore()`, and how far each sequence moved in the
    restore; the database is put back as it was afterwards."""
    from django.db import transaction

    savepoint = transaction.savepoint()
    try:
        start()
        before = _sequences()
        restore()
        after = _sequences()
        moved = {name: (after[name] or 0) - (before[name] or 0) for name in after}
        return _rows(), {name: steps for name, steps in moved.items() if steps}
    finally:
        transaction.savepoint_rollback(savepoint)


def _flushed():
    # As a transactional test's teardown leaves the database for the next one.
    call_command(
        "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
    )


def _changed():
    """Rows the restore must put back, links it must add and remove, and rows it must
    leave (a group and its link that the serialized contents do not know)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Page

    group = Group.objects.order_by("pk").first()
    group.name = "Renamed"
    group.save()
    wrong = Permission.objects.exclude(group=group).order_by("pk").first()
    kept, dropped = group.permissions.order_by("pk")[:2]
    group.permissions.remove(dropped)
    group.permissions.add(wrong)
    Permission.objects.order_by("pk").last().delete()
    # An explicit id: each start must give the same rows, and sequences move on.
    Group.objects.create(pk=9999, name="Unknown to the snapshot").permissions.add(kept)
    Page.objects.filter(depth=1).update(title="Moved", locked_at=None)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_serialized_rollback_restore_from_a_snapshot_gives_the_rows_djangos_restore_gives(
    monkeypatch,
):
    from django.contrib.auth.models import Group, Permission
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail.models import Page

    from tests import serialized_restore

    # More than the migrated rows: a learner in a group (a list of links on lms.User), a
    # group with many permissions, a datetime with microseconds (JSON keeps milliseconds).
    LearnerFactory()
    Group.objects.create(name="Extra").permissions.set(Permission.objects.all()[:40])
    Page.objects.filter(depth=1).update(locked_at=timezone.now().replace(microsecond=123456))
    creation = connection.creation
    data = BaseDatabaseCreation.serialize_db_to_string(creation)  # Django's, no snapshot
    snapshot = serialized_restore.take(connection, data, schema="serialized_rollback_check")
    assert snapshot is not None, "the serialized models have columns the snapshot cannot copy"

    # From the migrated rows first: Django's restore makes wagtail's Tasks, whose __init__
    # reads their content type and, if ContentType's cache is cold and the table empty,
    # creates it under a new id, which the restored row then collides with.
    for start in (lambda: None, _flushed, _changed):
        django = _restored(
            start, lambda: BaseDatabaseCreation.deserialize_db_from_string(creation, data)
        )
        ours = _restored(start, lambda: serialized_restore.restore(connection, snapshot))
        assert ours[0] == django[0]
        assert ours[1] == django[1]  # the same ids drawn, none reset
    rows = _restored(_flushed, lambda: serialized_restore.restore(connection, snapshot))[0]
    assert len(rows["auth_permission"]) > 300 and rows["wagtailcore_page"]
    assert any(".123+" in row for row in rows["wagtailcore_page"])  # cut as JSON carries it

    # The installed restore: this one round trip for the snapshot's contents only, Django's
    # own for any other (here none, but its check_constraints shows).
    monkeypatch.setattr(connection, "_serialized_snapshot", snapshot, raising=False)
    with CaptureQueriesContext(connection) as queries:
        creation.deserialize_db_from_string(data)
    assert [q["sql"] for q in queries if "INSERT" in q["sql"]] == [snapshot.sql]
    with CaptureQueriesContext(connection) as queries:
        creation.deserialize_db_from_string("[]")
    assert "SET CONSTRAINTS ALL IMMEDIATE" in [q["sql"] for q in queries]
    assert not any("INSERT" in q["sql"] for q in queries)


def test_the_engine_pass_imports_only_the_engine_modules(pytestconfig):
    """`-m engine` skips importing the other test modules; any other expression, or none,
    collects every module (a test deselected by its marker is still imported)."""
    from types import SimpleNamespace

    from tests.suite_plan import ENGINE_DEPENDENT, pytest_ignore_collect

    root = pytestconfig.rootpath
    modules = sorted(p.relative_to(root).as_posix() for p in (root / "tests").rglob("test_*.py"))
    other_files = [root / "tests/conftest.py", root / "tests/factories.py", root / "tests/browser"]

    def ignored(markexpr):
        config = SimpleNamespace(option=SimpleNamespace(markexpr=markexpr), rootpath=root)
        return {
            path.relative_to(root).as_posix()
            for path in [*(root / m for m in modules), *other_files]
            if pytest_ignore_collect(path, config)
        }

    assert ignored("engine") == set(modules) - ENGINE_DEPENDENT
    assert ENGINE_DEPENDENT <= set(modules)
    assert ignored("") == ignored("not engine") == ignored("engine or browser") == set()

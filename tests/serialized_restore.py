"""`serialized_rollback=True` on PostgreSQL: the rows a transactional test starts from are
copied back from a snapshot in the test database, in one statement per table, instead of
Django deserializing ~70 KB of JSON and saving ~500 objects one by one (docs/testing.md,
"Where the time goes").

When pytest-django serializes the freshly migrated test database, the tables of every
model in that serialization are also copied to the schema `serialized_rollback` of the same
database. Django's restore (`deserialize_db_from_string`) then becomes one round trip that
does what its saves do:
- each object is saved raw by primary key, an UPDATE of the row if it is there, else an
  INSERT (the first transactional test starts on the migrated rows, the others on a flushed
  database): here INSERT ... ON CONFLICT (pk) DO UPDATE;
- each object's many-to-many lists are `set()`: links it lacks are added, with ids drawn
  from the sequence, and links it no longer has are removed;
- datetimes come back through JSON, so at millisecond precision (DjangoJSONEncoder cuts
  the microseconds): the snapshot keeps them so cut;
- sequences are left where they are, as Django leaves them;
- the foreign keys are checked at the end (Django's `check_constraints`).
`tests/test_suite_plan.py` compares, table by table, the rows this gives with the rows
Django's own restore gives.

Django's code runs as before on SQLite, for contents other than the ones snapshotted, and
for a model with a column that is not serialized. TEST_FAST_RESTORE=0 turns it off.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

SCHEMA = "serialized_rollback"


@dataclass(frozen=True)
class Snapshot:
    data: str  # the serialized contents whose rows the snapshot holds
    sql: str  # the restore, one round trip


def enabled() -> bool:
    return os.environ.get("TEST_FAST_RESTORE", "1") != "0"


def install() -> None:
    """Snapshot when PostgreSQL's test database is serialized; restore from the snapshot."""
    from django.db.backends.postgresql.creation import DatabaseCreation

    serialize = DatabaseCreation.serialize_db_to_string
    deserialize = DatabaseCreation.deserialize_db_from_string

    def serialize_db_to_string(self):
        data = serialize(self)
        self.connection._serialized_snapshot = take(self.connection, data)
        return data

    def deserialize_db_from_string(self, data):
        snapshot = getattr(self.connection, "_serialized_snapshot", None)
        if snapshot is None or snapshot.data != data:
            return deserialize(self, data)
        restore(self.connection, snapshot)

    DatabaseCreation.serialize_db_to_string = serialize_db_to_string
    DatabaseCreation.deserialize_db_from_string = deserialize_db_from_string


def take(connection, data: str, schema: str = SCHEMA) -> Snapshot | None:
    """Copy the tables Django's restore of `data` writes to into `schema`, and make the SQL
    that restores them; None (Django's restore) for contents this does not copy."""
    quote = connection.ops.quote_name
    tables = _tables(data, quote)
    if tables is None:
        return None
    # Names from the models' metadata, quoted: no outside input.
    copies = [
        f"CREATE UNLOGGED TABLE {quote(schema)}.{quote(table.name)} AS "  # noqa: S608
        f"SELECT {', '.join(table.selected)} FROM {quote(table.name)};"
        for table in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP SCHEMA IF EXISTS {quote(schema)} CASCADE; CREATE SCHEMA {quote(schema)}; "
            + " ".join(copies)
        )
    statements = [table.restore_sql(quote, schema) for table in tables]
    sql = " ".join(
        [
            "SET CONSTRAINTS ALL DEFERRED;",
            *statements,
            # As Django's check_constraints: the deferred foreign keys are checked now.
            "SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED;",
        ]
    )
    return Snapshot(data=data, sql=sql)


def restore(connection, snapshot: Snapshot) -> None:
    from django.db import transaction

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(snapshot.sql)


@dataclass(frozen=True)
class _Table:
    name: str
    columns: list[str]  # quoted
    selected: list[str]  # quoted, datetimes cut to milliseconds as JSON carries them
    pk: str  # quoted
    # For a many-to-many link table: the quoted column of the object whose list it holds,
    # and that object's table.
    source: str | None = None
    source_table: str | None = None
    source_pk: str | None = None

    def restore_sql(self, quote, schema: str) -> str:
        copy = f"{quote(schema)}.{quote(self.name)}"
        table = quote(self.name)
        if self.source is None:
            return self._upsert(table, copy)
        return self._set_links(quote, schema, table, copy)

    def _upsert(self, table: str, copy: str) -> str:
        # A raw save by primary key: UPDATE the row if it is there, else INSERT.
        columns = ", ".join(self.columns)
        others = [c for c in self.columns if c != self.pk]
        on_conflict = (
            "DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in others)
            if others
            else "DO NOTHING"
        )
        return (
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {copy} "  # noqa: S608
            f"ON CONFLICT ({self.pk}) {on_conflict};"
        )

    def _set_links(self, quote, schema: str, table: str, copy: str) -> str:
        # Each restored object's `set(list)`: links off the list go, missing ones are added
        # with new ids from the sequence (the snapshot's ids are not the ones Django draws).
        columns = [c for c in self.columns if c != self.pk]
        same = " AND ".join(f"s.{c} = t.{c}" for c in columns)
        sources = f"SELECT {self.source_pk} FROM {quote(schema)}.{quote(self.source_table)}"  # noqa: S608
        listed = ", ".join(columns)
        return (
            f"DELETE FROM {table} t WHERE t.{self.source} IN ({sources}) "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM {copy} s WHERE {same}); "
            f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {copy} s "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {same}) ORDER BY s.{self.pk};"
        )


def _tables(data: str, quote) -> list[_Table] | None:
    """The tables Django's restore of `data` writes to: each serialized model's, and the
    link table of each many-to-many list it sets (every list, even empty ones, is set, so
    the link table is listed whenever its model is). None for what this does not copy: a
    column the serialization leaves out or the database computes, a symmetrical link."""
    from django.apps import apps

    models = list(dict.fromkeys(apps.get_model(obj["model"]) for obj in json.loads(data)))
    tables: list[_Table] = []
    for model in models:
        fields = model._meta.local_concrete_fields
        if any(
            (not field.serialize and not field.primary_key) or getattr(field, "generated", False)
            for field in fields
        ):
            return None
        tables.append(
            _Table(
                name=model._meta.db_table,
                columns=[quote(field.column) for field in fields],
                selected=[_as_json_carries_it(field, quote) for field in fields],
                pk=quote(model._meta.pk.column),
            )
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not (field.serialize and through._meta.auto_created):
                continue  # an explicit link model is serialized as a model of its own
            if field.remote_field.symmetrical:
                return None  # set() also writes the links back, not copied here
            link_fields = through._meta.local_concrete_fields
            tables.append(
                _Table(
                    name=through._meta.db_table,
                    columns=[quote(f.column) for f in link_fields],
                    selected=[quote(f.column) for f in link_fields],
                    pk=quote(through._meta.pk.column),
                    source=quote(field.m2m_column_name()),
                    source_table=model._meta.db_table,
                    source_pk=quote(model._meta.pk.column),
                )
            )
    return tables


def _as_json_carries_it(field, quote) -> str:
    """The column as it comes back from Django's JSON: datetimes and times without their
    last three digits of microseconds (DjangoJSONEncoder cuts them, it does not round)."""
    from django.db import models

    column = quote(field.column)
    if isinstance(field, models.DateTimeField):
        return f"date_trunc('milliseconds', {column}) AS {column}"
    if isinstance(field, models.TimeField):
        return f"(date_trunc('milliseconds', DATE '2000-01-01' + {column}))::time AS {column}"
    return column

"""A migrated PostgreSQL test database kept on the server and cloned, instead of every
pytest-xdist worker of every run migrating its own from nothing (docs/testing.md, "Caches");
on SQLite, a migrated file kept in the machine's cache and copied.

Migrating the ~90 tables took 15 s per worker on CI's machine and over a minute when the
machine was busy; `CREATE DATABASE ... TEMPLATE` copies a migrated one in about a second.
The template is named after a hash of what a migration's result depends on: every
installed app's migration files, the settings modules (data migrations read LANGUAGES) and
the versions of the packages that provide the installed apps. Any change is a new name, so
a stale schema is never cloned; the older templates of the same test database are dropped
then. Django's own `migrate` still runs on each clone (it finds nothing to apply) and the
serialisation for `serialized_rollback` is made from the clone as before.

TEST_DB_TEMPLATE=0 turns it off (every worker migrates, as Django does by default).
"""

import hashlib
import importlib.metadata
import os
from pathlib import Path

TEMPLATE_MARK = "_tpl_"


def enabled() -> bool:
    return os.environ.get("TEST_DB_TEMPLATE", "1") != "0"


def migrations_key() -> str:
    from django.apps import apps
    from django.conf import settings

    digest = hashlib.sha256()
    files: list[Path] = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            files += sorted(folder.glob("*.py"))
    files += sorted((Path(settings.BASE_DIR) / "config" / "settings").glob("*.py"))
    # What tests/site_home.py adds to every test database after migrating.
    from tests import site_home

    if site_home.enabled():
        files += [Path(settings.BASE_DIR) / name for name in site_home.SOURCES]
    for path in files:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    # The versions of the packages that provide the installed apps (Django, Wagtail, ...):
    # their migrations may call their code. Tools such as uv or pytest do not count.
    providers = importlib.metadata.packages_distributions()
    names = {
        dist
        for config in apps.get_app_configs()
        for dist in providers.get(config.name.split(".")[0], ())
    }
    for name in sorted(names):
        digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
    return digest.hexdigest()[:12]


def install() -> None:
    """Make the test database creation clone the migrated template."""
    from django.core.management import call_command
    from django.db.backends.postgresql.creation import DatabaseCreation

    original = DatabaseCreation._create_test_db

    def _create_test_db(self, verbosity, autoclobber, keepdb=False):
        if keepdb:
            return original(self, verbosity, autoclobber, keepdb)
        name = self._get_test_db_name()
        # The workers' databases share one template: test_patit_gw0 -> test_patit_tpl_<key>.
        base = name.rsplit("_gw", 1)[0] if os.environ.get("PYTEST_XDIST_WORKER") else name
        template = f"{base}{TEMPLATE_MARK}{migrations_key()}"
        quote = self.connection.ops.quote_name
        with self._nodb_cursor() as cursor:
            # One process at a time builds or copies: a database being migrated or copied
            # cannot be a template, and the other worker waits instead of migrating too.
            cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [base + TEMPLATE_MARK])
            try:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [base.replace("_", r"\_") + r"\_tpl\_%"],
                )
                existing = {row[0] for row in cursor.fetchall()}
                if template not in existing:
                    for stale in existing:
                        cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                    self.log(f"Migrating the test database template {template}...")
                    # Migrated under another name and renamed when done: a run killed
                    # half-way leaves no half-migrated template behind that name.
                    partial = f"{template}_partial"
                    cursor.execute(f"CREATE DATABASE {quote(partial)}")
                    _migrate(self.connection, partial, call_command)
                    cursor.execute(f"ALTER DATABASE {quote(partial)} RENAME TO {quote(template)}")
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
                cursor.execute(f"CREATE DATABASE {quote(name)} WITH TEMPLATE {quote(template)}")
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [base + TEMPLATE_MARK])
        return name

    DatabaseCreation._create_test_db = _create_test_db
    _install_sqlite(call_command)


def cache_dir() -> Path:
    """The machine's cache, as certificates/fonts.py's: $PATIT_CACHE_DIR, else
    $XDG_CACHE_HOME/patit, else ~/.cache/patit."""
    base = os.environ.get("PATIT_CACHE_DIR") or (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "patit"
    )
    return Path(base) / "test-db"


def _install_sqlite(call_command) -> None:
    """The same for SQLite's test database files: a migrated file in the machine's cache,
    copied to each worker's path."""
    import fcntl
    import shutil

    from django.db.backends.sqlite3.creation import DatabaseCreation

    original = DatabaseCreation._create_test_db

    def _create_test_db(self, verbosity, autoclobber, keepdb=False):
        name = original(self, verbosity, autoclobber, keepdb)  # removes the old file
        if keepdb or self.is_in_memory_db(name):
            return name
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        template = folder / f"sqlite{TEMPLATE_MARK}{migrations_key()}.sqlite3"
        with open(folder / "sqlite.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one worker migrates, the others wait
            if not template.is_file():
                for stale in folder.glob(f"sqlite{TEMPLATE_MARK}*"):
                    stale.unlink()
                self.log(f"Migrating the test database template {template}...")
                partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
                _migrate(self.connection, str(partial), call_command)
                for journal in ("-wal", "-shm"):  # closed: the WAL is back in the file
                    Path(f"{partial}{journal}").unlink(missing_ok=True)
                partial.replace(template)
        # A journal left by the previous run's file would be replayed into the copy.
        for journal in ("-wal", "-shm"):
            Path(f"{name}{journal}").unlink(missing_ok=True)
        shutil.copyfile(template, name)
        return name

    DatabaseCreation._create_test_db = _create_test_db


def _migrate(connection, database: str, call_command) -> None:
    """Migrate `database` through this process's connection, then let go of it (a database
    with a session open cannot be copied)."""
    settings_dict = connection.settings_dict
    previous = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = database
    try:
        call_command(
            "migrate", verbosity=0, interactive=False, database=connection.alias, run_syncdb=True
        )
    finally:
        connection.close()
        settings_dict["NAME"] = previous

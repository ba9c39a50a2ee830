import os

import pytest
from django.conf import settings
from django.db import connection


def test_languages_are_the_six_official_languages_of_the_united_nations():
    # A run with LMS_EXTRA_TEST_LANGUAGE (docs/languages.md) appends one more after them.
    extra = os.environ.get("LMS_EXTRA_TEST_LANGUAGE")
    codes = [code for code, _ in settings.LANGUAGES if code != extra]
    assert codes == ["en", "fr", "ar", "es", "ru", "zh-hans"]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_postgresql_pass_runs_on_postgresql():
    # `make test` sets LMS_DB_PASS=postgresql for its second pass; CI requires that pass.
    assert os.environ.get("LMS_DB_PASS") == "postgresql"
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


@pytest.mark.django_db
def test_sqlite_takes_the_write_lock_at_begin():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"

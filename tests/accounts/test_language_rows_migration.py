"""The per-language columns become rows (lms 0012, seminars 0006) without losing a value:
the database is taken back before the two migrations, filled through the old columns, and
migrated forward again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from seminars.models import Announcement
from tests.factories import CycleFactory

BEFORE = [("lms", "0011_edge_one_line_names"), ("seminars", "0004_edge_input_bounds")]


# Schema changes cannot run inside the test's transaction on SQLite; the rows the other
# tests rely on (groups, the page tree) are restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_column_value_is_carried_over_to_a_row():
    cycle = CycleFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldUser = old.get_model("lms", "User")
    OldAnnouncement = old.get_model("seminars", "Announcement")
    layla = OldUser.objects.create(
        email="layla@missions.example.org",
        certificate_name="H.E. Ms. Layla Haddad",
        certificate_name_ar="ليلى حداد",
        certificate_name_fr="S.E. Mme Layla Haddad",
    )
    kwame = OldUser.objects.create(email="kwame@missions.example.org", certificate_name_fr="")
    both = OldAnnouncement.objects.create(
        cycle_id=cycle.pk,
        audience="seated",
        subject="Room change",
        body="Room XX.",
        subject_fr="Changement de salle",
        body_fr="Salle XX.",
        subject_ar="تغيير القاعة",
        # A subject without its message was kept by the old columns; so is it by the rows.
        body_ar="",
    )
    english = OldAnnouncement.objects.create(
        cycle_id=cycle.pk, audience="seated", subject="Hello", body="Welcome."
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert User.objects.get(pk=layla.pk).certificate_names_by_language() == {
        "ar": "ليلى حداد",
        "fr": "S.E. Mme Layla Haddad",
    }
    assert User.objects.get(pk=kwame.pk).certificate_names_by_language() == {}
    rows = Announcement.objects.get(pk=both.pk).translations.values_list(
        "language", "subject", "body"
    )
    assert sorted(rows) == [
        ("ar", "تغيير القاعة", ""),
        ("fr", "Changement de salle", "Salle XX."),
    ]
    assert not Announcement.objects.get(pk=english.pk).translations.exists()
    # Half a translation is not read: the Arabic reader gets the English text, as before.
    assert Announcement.objects.get(pk=both.pk).text_in("ar") == ("Room change", "Room XX.")

"""An announcement's French and Arabic versions become rows (AnnouncementTranslation), one
per announcement and language, so that any language of settings.LANGUAGES can be written;
every non-empty subject or message of the four columns is carried over, then the columns
are dropped. Going back keeps the French and Arabic rows."""

import django.db.models.deletion
from django.db import migrations, models

# The languages the dropped columns held: (subject column, message column).
COLUMNS = {"fr": ("subject_fr", "body_fr"), "ar": ("subject_ar", "body_ar")}


def columns_to_rows(apps, schema_editor):
    Announcement = apps.get_model("seminars", "Announcement")
    AnnouncementTranslation = apps.get_model("seminars", "AnnouncementTranslation")
    fields = [column for pair in COLUMNS.values() for column in pair]
    rows = []
    for announcement in Announcement.objects.only("pk", *fields).iterator(chunk_size=2000):
        for language, (subject_column, body_column) in COLUMNS.items():
            subject = getattr(announcement, subject_column)
            body = getattr(announcement, body_column)
            if subject or body:
                rows.append(
                    AnnouncementTranslation(
                        announcement_id=announcement.pk,
                        language=language,
                        subject=subject,
                        body=body,
                    )
                )
    AnnouncementTranslation.objects.bulk_create(rows, batch_size=2000)


def rows_to_columns(apps, schema_editor):
    Announcement = apps.get_model("seminars", "Announcement")
    AnnouncementTranslation = apps.get_model("seminars", "AnnouncementTranslation")
    for row in AnnouncementTranslation.objects.filter(language__in=COLUMNS).iterator(
        chunk_size=2000
    ):
        subject_column, body_column = COLUMNS[row.language]
        Announcement.objects.filter(pk=row.announcement_id).update(
            **{subject_column: row.subject, body_column: row.body}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("seminars", "0005_attendance_in_one_place"),
    ]

    operations = [
        migrations.CreateModel(
            name="AnnouncementTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("fr", "French"),
                            ("ar", "Arabic"),
                            ("es", "Spanish"),
                            ("ru", "Russian"),
                            ("zh-hans", "Chinese"),
                        ],
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                ("subject", models.CharField(blank=True, max_length=200, verbose_name="subject")),
                ("body", models.TextField(blank=True, verbose_name="message")),
                (
                    "announcement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="seminars.announcement",
                        verbose_name="announcement",
                    ),
                ),
            ],
            options={
                "verbose_name": "announcement translation",
                "verbose_name_plural": "announcement translations",
                "ordering": ["language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("announcement", "language"),
                        name="one_announcement_translation_per_language",
                    )
                ],
            },
        ),
        migrations.RunPython(columns_to_rows, rows_to_columns),
        migrations.RemoveField(model_name="announcement", name="subject_fr"),
        migrations.RemoveField(model_name="announcement", name="body_fr"),
        migrations.RemoveField(model_name="announcement", name="subject_ar"),
        migrations.RemoveField(model_name="announcement", name="body_ar"),
    ]

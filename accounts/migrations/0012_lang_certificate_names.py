"""The per-language certificate names become rows (CertificateName), one per user and
language, so that any language of settings.LANGUAGES can have its spelling; the two columns
(certificate_name_ar, certificate_name_fr) are carried over and dropped. Going back keeps
the Arabic and French rows (the only ones the columns can hold)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.validators

# The languages the dropped columns held, by column.
COLUMNS = {"ar": "certificate_name_ar", "fr": "certificate_name_fr"}


def columns_to_rows(apps, schema_editor):
    User = apps.get_model("lms", "User")
    CertificateName = apps.get_model("lms", "CertificateName")
    rows = []
    for user in User.objects.only("pk", *COLUMNS.values()).iterator(chunk_size=2000):
        for language, column in COLUMNS.items():
            name = getattr(user, column).strip()
            if name:
                rows.append(CertificateName(user_id=user.pk, language=language, name=name))
    CertificateName.objects.bulk_create(rows, batch_size=2000)


def rows_to_columns(apps, schema_editor):
    User = apps.get_model("lms", "User")
    CertificateName = apps.get_model("lms", "CertificateName")
    for row in CertificateName.objects.filter(language__in=COLUMNS).iterator(chunk_size=2000):
        User.objects.filter(pk=row.user_id).update(**{COLUMNS[row.language]: row.name})


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0011_edge_one_line_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="CertificateName",
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
                (
                    "name",
                    models.CharField(
                        max_length=200,
                        validators=[core.validators.OneLineValidator()],
                        verbose_name="name",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificate_names",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "name on certificates in a language",
                "verbose_name_plural": "names on certificates in a language",
                "ordering": ["language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "language"), name="one_certificate_name_per_language"
                    )
                ],
            },
        ),
        migrations.RunPython(columns_to_rows, rows_to_columns),
        migrations.RemoveField(model_name="user", name="certificate_name_ar"),
        migrations.RemoveField(model_name="user", name="certificate_name_fr"),
    ]

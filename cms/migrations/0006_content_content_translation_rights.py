"""Administrators write the translations of cycle titles and seminar session names."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATOR_PERMS = [
    "add_contenttranslation",
    "change_contenttranslation",
    "delete_contenttranslation",
    "view_contenttranslation",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cms", codename__in=ADMINISTRATOR_PERMS
        )
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_content_content_translations"), ("lms", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

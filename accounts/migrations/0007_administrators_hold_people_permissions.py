"""Administrators hold the permissions on people (export and erase personal data, import
participants), which the code checks instead of group membership."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = ["export_personal_data", "erase_personal_data", "import_participants"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("lms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.get(name="Administrators")
    administrators.permissions.add(
        *Permission.objects.filter(content_type__app_label="lms", codename__in=GRANTS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators is not None:
        administrators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="lms", codename__in=GRANTS)
        )


class Migration(migrations.Migration):
    dependencies = [("lms", "0006_people_permissions")]
    operations = [migrations.RunPython(grant, revoke)]

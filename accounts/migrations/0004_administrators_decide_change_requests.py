"""Administrators approve or refuse the learners' requests to change verified facts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = ["decide_profilechangerequest", "view_profilechangerequest"]


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


class Migration(migrations.Migration):
    dependencies = [("lms", "0003_profile_change_requests")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

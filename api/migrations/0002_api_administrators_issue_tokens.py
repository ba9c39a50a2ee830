"""Administrators issue, see and revoke API tokens: the token screens check these
permissions, never the group's name."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("add_apitoken", "change_apitoken", "view_apitoken")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.get(name="Administrators")
    administrators.permissions.add(
        *Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators is not None:
        administrators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_tokens"), ("lms", "0002_roles")]
    operations = [migrations.RunPython(grant, revoke)]

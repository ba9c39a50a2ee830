"""Administrators hold `outbox.view_outboxmessage`: the outbox screen checks it instead of
group membership."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("outbox")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.get(name="Administrators")
    administrators.permissions.add(
        Permission.objects.get(content_type__app_label="outbox", codename="view_outboxmessage")
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators is not None:
        administrators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="outbox", codename="view_outboxmessage"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_outbox_message"), ("lms", "0002_roles")]
    operations = [migrations.RunPython(grant, revoke)]

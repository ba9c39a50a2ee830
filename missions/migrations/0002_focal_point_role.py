"""The *Mission focal points* role, and the administrators' rights on focal points and quotas.

Focal points get no admin rights: they work on the mission pages (/mission/), scoped to
their Member State by their FocalPoint row.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FOCAL_POINTS = "Mission focal points"
ADMINISTRATOR_PERMS = [
    "add_focalpoint", "change_focalpoint", "delete_focalpoint", "view_focalpoint",
    "add_missionquota", "change_missionquota", "delete_missionquota", "view_missionquota",
]


def create_role(apps, schema_editor):
    app_config = apps.get_app_config("missions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    focal_points, _ = Group.objects.get_or_create(name=FOCAL_POINTS)
    focal_points.permissions.add(
        *Permission.objects.filter(content_type__app_label="missions", codename="nominate"))
    Group.objects.get(name="Administrators").permissions.add(
        *Permission.objects.filter(content_type__app_label="missions",
                                   codename__in=ADMINISTRATOR_PERMS))


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=FOCAL_POINTS).delete()


class Migration(migrations.Migration):
    dependencies = [("missions", "0001_initial"), ("lms", "0002_roles")]
    operations = [migrations.RunPython(create_role, remove_role)]

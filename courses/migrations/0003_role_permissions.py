"""Model permissions of the roles on cycles and enrollments.

Instructors may view cycles and rosters, but the screens show them only the cycles they
are assigned to (a django-guardian object permission, `teach_cycle`). Administrators manage
every cycle; enrollments change only through the services, never by a plain edit form.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Instructors": ["view_cycle", "view_enrollment"],
    "Administrators": [
        "add_cycle", "change_cycle", "delete_cycle", "view_cycle", "teach_cycle",
        "view_enrollment", "change_enrollment",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.get(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_initial"), ("lms", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""Administrators write the evaluation forms; nobody reads responses through generic
screens (results are counts and comments without names)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_evaluationform", "change_evaluationform", "delete_evaluationform",
             "view_evaluationform"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("evaluations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="Administrators").permissions.add(
        *Permission.objects.filter(content_type__app_label="evaluations",
                                   codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_evaluation_forms_and_anonymous_responses"),
                    ("lms", "0002_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

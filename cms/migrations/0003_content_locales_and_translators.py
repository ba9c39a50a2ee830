"""Content locales (fr, ar beside the default en) and who may translate.

Instructors and administrators get `simple_translation.submit_translation`: the Translate
action copies a page (and, if asked, its subtree) into another locale as a draft, which goes
through the same Curriculum approval workflow as any other page (it is assigned at the root).
"""

from django.db import migrations

LOCALES = ("en", "fr", "ar")
TRANSLATORS = ("Instructors", "Administrators")


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for code in LOCALES:
        Locale.objects.get_or_create(language_code=code)
    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    for group in Group.objects.filter(name__in=TRANSLATORS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_knowledge_check_block"),
        ("lms", "0002_roles"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

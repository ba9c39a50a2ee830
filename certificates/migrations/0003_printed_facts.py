"""What a certificate printed, stored on it (name, titles, dates, modules)."""

from django.db import migrations, models


def store_printed_facts(apps, schema_editor):
    # Existing certificates were printed from the profile and pages as they are now: the best
    # record there is of what they say.
    Certificate = apps.get_model("certificates", "Certificate")
    ModulePage = apps.get_model("cms", "ModulePage")
    for certificate in Certificate.objects.select_related(
        "enrollment__learner", "enrollment__cycle__programme"
    ).iterator():
        learner = certificate.enrollment.learner
        cycle = certificate.enrollment.cycle
        main = learner.certificate_name or f"{learner.first_name} {learner.last_name}".strip() \
            or learner.email
        localised = {"ar": learner.certificate_name_ar, "fr": learner.certificate_name_fr}
        name = localised.get(certificate.language) or main
        modules = ModulePage.objects.filter(
            path__startswith=cycle.programme.path, depth=cycle.programme.depth + 1,
            kind="module", live=True,
        ).order_by("number")
        certificate.printed_name = name
        certificate.printed_name_latin = "" if name == main else main
        certificate.programme_title = cycle.programme.title
        certificate.cycle_title = cycle.title
        certificate.cycle_code = cycle.code
        certificate.starts_on = cycle.starts_on
        certificate.ends_on = cycle.ends_on
        certificate.completed_items = [m.title for m in modules]
        certificate.save()


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0002_role_permissions'),
        ('cms', '0002_knowledge_check_block'),
    ]

    operations = [
        migrations.AddField(
            model_name='certificate',
            name='completed_items',
            field=models.JSONField(blank=True, default=list, verbose_name='completed modules'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='cycle_code',
            field=models.CharField(blank=True, max_length=40, verbose_name='cycle code'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='cycle_title',
            field=models.CharField(blank=True, max_length=200, verbose_name='cycle'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='ends_on',
            field=models.DateField(blank=True, null=True, verbose_name='cycle ended on'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='printed_name',
            field=models.CharField(blank=True, max_length=200, verbose_name='name as printed'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='printed_name_latin',
            field=models.CharField(blank=True, help_text='Shown beside a name printed in another script.', max_length=200, verbose_name='main spelling of the name'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='programme_title',
            field=models.CharField(blank=True, max_length=255, verbose_name='programme'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='starts_on',
            field=models.DateField(blank=True, null=True, verbose_name='cycle started on'),
        ),
        migrations.RunPython(store_printed_facts, migrations.RunPython.noop),
    ]

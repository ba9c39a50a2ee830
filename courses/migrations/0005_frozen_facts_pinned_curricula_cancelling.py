"""Frozen facts on enrollments (programme, rank, Member State), pinned curricula, cancelling
cycles instead of deleting them (PROTECT), and the cycles' own audit trail."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def copy_frozen_facts(apps, schema_editor):
    # Existing enrollments keep the learner's current values: the best record there is.
    Enrollment = apps.get_model("courses", "Enrollment")
    for enrollment in Enrollment.objects.select_related("cycle", "learner").iterator():
        enrollment.programme_id = enrollment.cycle.programme_id
        enrollment.rank = enrollment.learner.rank
        enrollment.member_state = enrollment.learner.member_state
        enrollment.save(update_fields=["programme", "rank", "member_state"])


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0002_knowledge_check_block'),
        ('courses', '0004_progress'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CycleEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('pinned', 'Curriculum pinned'), ('curriculum', 'Current curriculum applied by an administrator'), ('capacity', 'Capacity changed'), ('cancelled', 'Cycle cancelled')], max_length=16, verbose_name='action')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('detail', models.JSONField(blank=True, default=dict, verbose_name='detail')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
            ],
            options={
                'verbose_name': 'cycle event',
                'verbose_name_plural': 'cycle events',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='cycle',
            name='cancelled_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cancelled at'),
        ),
        migrations.AddField(
            model_name='cycle',
            name='cancelled_reason',
            field=models.TextField(blank=True, editable=False, verbose_name='reason for cancelling'),
        ),
        migrations.AddField(
            model_name='cycle',
            name='curriculum',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='pinned curriculum'),
        ),
        migrations.AddField(
            model_name='cycle',
            name='curriculum_pinned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='curriculum pinned at'),
        ),
        migrations.AddField(
            model_name='enrollment',
            name='member_state',
            field=models.CharField(blank=True, editable=False, max_length=3, verbose_name='Member State when ranked'),
        ),
        migrations.AddField(
            model_name='enrollment',
            name='programme',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cms.programmepage', verbose_name='programme'),
        ),
        migrations.AddField(
            model_name='enrollment',
            name='rank',
            field=models.CharField(blank=True, editable=False, max_length=32, verbose_name='rank when ranked'),
        ),
        migrations.AlterField(
            model_name='enrollment',
            name='cycle',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='enrollments', to='courses.cycle', verbose_name='cycle'),
        ),
        migrations.AlterField(
            model_name='enrollmentevent',
            name='action',
            field=models.CharField(choices=[('applied', 'Applied'), ('promoted', 'Promoted from the waitlist'), ('confirmed', 'Confirmed the offer'), ('declined', 'Declined the offer'), ('expired', 'Offer expired'), ('withdrawn', 'Withdrew'), ('removed', 'Removed by an administrator'), ('admitted', 'Admitted by an administrator'), ('admitted_over', 'Admitted over the capacity by an administrator'), ('cancelled', 'Cycle cancelled'), ('reprioritised', 'Moved on the waitlist by an administrator'), ('completed', 'Completed the cycle')], max_length=16, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='enrollmentevent',
            name='enrollment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='courses.enrollment'),
        ),
        migrations.RunPython(copy_frozen_facts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='enrollment',
            name='programme',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cms.programmepage', verbose_name='programme'),
        ),
        migrations.AddConstraint(
            model_name='enrollment',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['waitlisted', 'offered', 'enrolled'])), fields=('learner', 'programme'), name='one_unfinished_enrollment_per_learner_and_programme', violation_error_message='This learner already has an enrollment in a cycle of this programme.'),
        ),
        migrations.AddField(
            model_name='cycleevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AddField(
            model_name='cycleevent',
            name='cycle',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='courses.cycle'),
        ),
    ]

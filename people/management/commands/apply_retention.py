"""Erase learners inactive for longer than RETENTION_INACTIVE_DAYS (0: off, the default).

Inactive: no sign-in (or, never signed in, no account creation) within that many days, and
nothing unfinished (no application waiting, no offer, no seat in a running cycle). Staff are
never erased by this rule. Run it daily (cron, or a beat task); safe to run twice.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from core.stored_text import english
from people import personal_data


def candidates(*, days: int):
    from courses.models import Enrollment

    cutoff = timezone.now() - timedelta(days=days)
    return (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(enrollments__status__in=Enrollment.UNFINISHED)
        .exclude(email__endswith=f"@{personal_data.ERASED_DOMAIN}")
        .distinct()
        .order_by("pk")
    )


class Command(BaseCommand):
    help = "Erase learners inactive for longer than RETENTION_INACTIVE_DAYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be erased; write nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.RETENTION_INACTIVE_DAYS
        if not days:
            self.stdout.write("RETENTION_INACTIVE_DAYS is 0: retention is off.")
            return
        erased = skipped = 0
        for user in candidates(days=days):
            if user.has_perm("wagtailadmin.access_admin"):
                skipped += 1  # staff through a role: never erased by the rule
                continue
            if dry_run:
                self.stdout.write(f"would erase {user.pk} {user.email}")
                erased += 1
                continue
            try:
                personal_data.erase_person(
                    user=user,
                    by=None,
                    reason=english("Retention: inactive for more than %(days)s days", days=days),
                )
            except personal_data.PersonalDataError as error:
                skipped += 1
                self.stderr.write(f"{user.pk}: {error.message}")
            else:
                erased += 1
        verb = "would erase" if dry_run else "erased"
        self.stdout.write(f"{verb} {erased} learner(s); skipped {skipped}.")

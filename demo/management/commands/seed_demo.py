"""Build the demo (`demo/`): the PATIT curriculum, a second programme, demo accounts,
cycles and certificates, then print the logins.

Safe to re-run: pages are matched by slug, users by e-mail and cycles by code.
Quiet by default: the PDF renderer's progress, Celery's task log and the demo's e-mails
(dozens of each) are kept off the console; `-v 2` shows them.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.test.utils import override_settings

from certificates.models import Certificate
from demo.seed import seed


@contextmanager
def _quiet(verbosity: int):
    """Below `-v 2`, drop INFO logging and keep the demo's e-mails in memory."""
    if verbosity >= 2:
        yield
        return
    # Without a broker, kombu warns once that it has no hostname: noise in the eager demo.
    kombu = logging.getLogger("kombu.connection")
    kombu_level = kombu.level
    kombu.setLevel(logging.ERROR)
    logging.disable(logging.INFO)
    try:
        # The demo's e-mails are real (the services send them); they go to memory instead
        # of the console, for this block only.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        logging.disable(logging.NOTSET)
        kombu.setLevel(kombu_level)


class Command(BaseCommand):
    help = "Create or refresh the demo curriculum, accounts and cycles (safe to re-run)."

    def handle(self, *args, **options):
        # The demo creates a superuser with a published password: never in production.
        if settings.LMS_ENVIRONMENT == "production":
            raise CommandError(
                "seed_demo refuses to run with the production settings: it creates demo "
                "accounts with the published password. Run it with "
                "DJANGO_SETTINGS_MODULE=config.settings.dev on a demo database."
            )
        with _quiet(options["verbosity"]):
            demo = seed()
        for programme in demo.programmes:
            self.stdout.write(f"Programme: {programme.title} ({programme.url})")
        for cycle in demo.cycles:
            counts = dict(cycle.enrollments.values_list("status").annotate(n=Count("pk")))
            summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            self.stdout.write(f"Cycle {cycle.code}: capacity {cycle.capacity}; {summary}")
        issued = Certificate.objects.filter(status="issued").order_by("serial")[:3]
        for certificate in issued:
            self.stdout.write(
                f"Certificate {certificate.serial} ({certificate.language}): "
                f"/verify/{certificate.code}/"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Demo logins (password for all: {demo.people.password})")
        )
        for account in demo.people.accounts:
            user = account.user
            self.stdout.write(f"  {account.role:<15} {user.email:<48} {user.get_rank_display()}")
        self.stdout.write(
            f"  {'Focal-point':<15} {demo.focal_point.email:<48} mission of Ghana (/mission/)"
        )

"""Close every cycle whose last day has passed (what Celery beat does hourly)."""

from django.core.management.base import BaseCommand

from courses.services import close_due_cycles


class Command(BaseCommand):
    help = "Close the cycles past their last day: record not completed / not admitted."

    def handle(self, *args, **options):
        count = close_due_cycles()
        self.stdout.write(f"{count} enrollment(s) closed.")

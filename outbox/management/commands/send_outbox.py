"""Send every e-mail still waiting in the outbox, in this process (for cron, or the demo
after a mail-server outage). Safe to run beside Celery beat: rows are claimed."""

from django.core.management.base import BaseCommand

from outbox.services import due, send_pending


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="at most this many")

    def handle(self, *args, limit, **options):
        sent = send_pending(limit=limit)
        left = due().count()
        self.stdout.write(f"{sent} sent; {left} still due.")
        if left and not sent:
            self.stderr.write("Nothing could be sent: see last_error on the outbox rows.")
            raise SystemExit(1)

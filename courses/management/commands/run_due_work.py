"""Everything Celery beat does, in one pass (or every N seconds with --every): the demo
runs without a broker, and an operator can catch up by hand after an outage.

Each step is a service that is safe to run any number of times, so running this next to a
beat does no harm.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from courses.services import (
    close_due_cycles,
    expire_offers,
    pin_started_curricula,
    send_reminders,
)


def _send_outbox():
    from outbox.services import send_pending

    return send_pending()


def _sweep_certificates():
    from certificates.services import sweep

    return sweep()


# Every job of CELERY_BEAT_SCHEDULE (lms/settings/base.py), in an order where each step's
# e-mails are written before the outbox is sent.
STEPS = (
    ("offers expired", expire_offers),
    ("curricula pinned", pin_started_curricula),
    ("enrollments closed", close_due_cycles),
    ("reminders sent", send_reminders),
    ("certificates queued again", _sweep_certificates),
    ("e-mails sent from the outbox", _send_outbox),
)


class Command(BaseCommand):
    help = "Expire offers, pin curricula, close cycles and send reminders (once, or --every N)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS",
                            help="Repeat every SECONDS until interrupted (0: run once).")

    def handle(self, *args, every=0, **options):
        while True:
            failed = self.run_once()
            if not every:
                if failed:
                    raise CommandError(f"{failed} step(s) failed; see above.")
                return
            close_old_connections()
            time.sleep(every)

    def run_once(self) -> int:
        parts, failed = [], 0
        for label, step in STEPS:
            try:
                result = step()
            except Exception as error:  # noqa: BLE001 - one failing step must not stop the rest
                self.stderr.write(f"{label}: failed: {error!r}")
                failed += 1
                continue
            count = sum(result.values()) if isinstance(result, dict) else result
            parts.append(f"{label}: {count}")
        self.stdout.write("; ".join(parts))
        return failed

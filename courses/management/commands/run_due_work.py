"""Everything Celery beat does, in one pass (or every N seconds with --every): the demo
runs without a broker, and an operator can catch up by hand after an outage.

Each step is a service that is safe to run any number of times, so running this next to a
beat does no harm.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections


def beat_jobs() -> list[tuple[str, str]]:
    """(name, task) of every job in CELERY_BEAT_SCHEDULE: what beat runs in production is
    exactly what this command runs, without importing the apps above courses."""
    return [(name, job["task"]) for name, job in settings.CELERY_BEAT_SCHEDULE.items()]


class Command(BaseCommand):
    help = "Expire offers, pin curricula, close cycles and send reminders (once, or --every N)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Repeat every SECONDS until interrupted (0: run once).",
        )
        parser.add_argument(
            "--delay",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Wait SECONDS before the first pass (the demo lets the server start first).",
        )

    def handle(self, *args, every=0, delay=0, **options):
        if every < 0 or delay < 0:
            raise CommandError("--every and --delay take a number of seconds, 0 or more.")
        time.sleep(delay)
        while True:
            failed = self.run_once()
            if not every:
                if failed:
                    raise CommandError(f"{failed} step(s) failed; see above.")
                return
            close_old_connections()
            time.sleep(every)

    def run_once(self) -> int:
        from config.celery import app

        app.loader.import_default_modules()  # registers every app's tasks
        parts, failed = [], 0
        for name, task_name in beat_jobs():
            try:
                result = app.tasks[task_name]()  # in this process, like an eager task
            except Exception as error:  # noqa: BLE001 - one failing job must not stop the rest
                self.stderr.write(f"{name}: failed: {error!r}")
                failed += 1
                continue
            count = sum(result.values()) if isinstance(result, dict) else result
            parts.append(f"{name}: {count}")
        self.stdout.write("; ".join(parts))
        return failed

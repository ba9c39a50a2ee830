"""Seed a history at an institute's scale for the benchmarks (`demo/scale.py`):
`manage.py seed_scale --learners 100000 --cycles 1000`, or `--quick` (2,000 and 40).

Safe to re-run: users are matched by e-mail and cycles by code; a second run adds nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.scale import seed_scale

QUICK = {"learners": 2000, "cycles": 40}


class Command(BaseCommand):
    help = "Create a large history of learners, cycles, completions and certificates."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=100_000)
        parser.add_argument("--cycles", type=int, default=1000)
        parser.add_argument(
            "--programmes",
            type=int,
            default=None,
            help="Default: one per 40 cycles, at least 2 (10 when possible).",
        )
        parser.add_argument(
            "--quick",
            action="store_true",
            help="2,000 learners and 40 cycles (for CI and quick benches).",
        )

    def handle(self, *args, **options):
        # It creates accounts with a published password: never in production.
        if settings.LMS_ENVIRONMENT == "production":
            raise CommandError(
                "seed_scale refuses to run with the production settings: it creates accounts "
                "with a published password. Run it on a scratch database with "
                "DJANGO_SETTINGS_MODULE=config.settings.dev."
            )
        sizes = (
            QUICK
            if options["quick"]
            else {"learners": options["learners"], "cycles": options["cycles"]}
        )
        if sizes["learners"] < 1 or sizes["cycles"] < 1:
            raise CommandError("--learners and --cycles must be at least 1.")
        summary = seed_scale(programmes=options["programmes"], **sizes)
        rows = ", ".join(f"{n} {name}" for name, n in summary.rows.items())
        self.stdout.write(
            f"seed_scale: {summary.programmes} programmes; {summary.learners_created} new "
            f"learners; {summary.cycles_created} new cycles ({rows or 'nothing new'})"
        )
        timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.timings.items())
        self.stdout.write(f"  timings: {timings}")
        self.stdout.write(
            self.style.SUCCESS(
                "  rules checked: seats, waitlists, one unfinished "
                "enrollment per programme, frozen facts, events"
            )
        )

"""Import participants, and optionally their applications to a cycle, from CSV or XLSX.
All rows or none; a refused row prints its spreadsheet row number and the exit status is 1."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people import importing


class Command(BaseCommand):
    help = "Import participants from a CSV or XLSX file (columns: docs/features.md, Bulk import)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--cycle", help="apply everyone to this cycle (its code)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and simulate everything, write nothing"
        )

    def handle(self, *args, file, cycle=None, dry_run=False, **options):
        from courses.models import Cycle

        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        target = None
        if cycle:
            target = Cycle.objects.filter(code=cycle).first()
            if target is None:
                raise CommandError(f"No cycle has the code {cycle}.")
        try:
            result = importing.import_participants(
                content=path.read_bytes(), filename=path.name, cycle=target, dry_run=dry_run
            )
        except importing.ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len({p.row for p in refused.problems})} row(s) refused; nothing was imported."
            ) from None
        verb = "would import" if dry_run else "imported"
        summary = (
            f"{verb} {len(result.participants)} participant(s): {result.created} new, "
            f"{result.matched} existing"
        )
        if target:
            summary += f"; {target.code}: {result.enrolled} seated, {result.waitlisted} waitlisted"
        self.stdout.write(summary + ".")

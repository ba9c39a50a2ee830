"""Build the project's generated fonts (certificates/fonts.py): `make fonts`."""

from django.core.management.base import BaseCommand, CommandError

from certificates import fonts


class Command(BaseCommand):
    help = "Cut Noto Serif CJK SC to the GB2312 characters as 'PATIT Serif SC' under FONTS_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rebuild files that exist")

    def handle(self, *args, force=False, **options):
        for weight in fonts.SOURCES:
            path = fonts.font_path(weight)
            if path.is_file() and not force:
                self.stdout.write(f"{path} is there")
                continue
            try:
                built = fonts.build(weight)
            except FileNotFoundError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{built} built ({built.stat().st_size // 1024} KB)")

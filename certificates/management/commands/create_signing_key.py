"""Create the self-signed development key that signs the demo's certificates."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.signing import create_development_key


class Command(BaseCommand):
    help = (
        "Create a self-signed development root and signing key in var/signing/ (or --dir). "
        "For the demo and tests only: production refuses it; a ministry trusts UNITAR's key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.DEV_SIGNING_DIR))
        parser.add_argument("--force", action="store_true", help="replace an existing key")

    def handle(self, *args, dir, force, **options):
        if getattr(settings, "LMS_ENVIRONMENT", "") == "production":
            raise CommandError(
                "Refusing to create a development signing key in production: set "
                "CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT to UNITAR's key."
            )
        directory = Path(dir)
        if create_development_key(directory, force=force):
            self.stdout.write(f"Created a development signing key in {directory}.")
        else:
            self.stdout.write(f"A signing key exists in {directory}; --force replaces it.")

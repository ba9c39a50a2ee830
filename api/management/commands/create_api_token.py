"""manage.py create_api_token --user EMAIL [--name NAME] [--expires DAYS]: issue a read-API
token acting as that person, printed once (only its hash is stored)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api import tokens


class Command(BaseCommand):
    help = "Issue a read-API token for a person; it is printed once and stored hashed."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The e-mail address of the person.")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument("--expires", type=int, default=None, help="Days until it expires.")

    def handle(self, *args, user, name, expires, **options):
        person = get_user_model().objects.filter(email__iexact=user.strip()).first()
        if person is None:
            raise CommandError(f"No account has the e-mail address {user}; nothing was created.")
        try:
            row, clear = tokens.create_token(
                user=person, name=name or f"Token for {person.email}", expires_in_days=expires
            )
        except ValueError as error:
            raise CommandError(f"{error} Nothing was created.") from error
        until = f"until {row.expires_at:%Y-%m-%d %H:%M} UTC" if row.expires_at else "no expiry"
        self.stderr.write(f"Token “{row.name}” for {person.email} ({until}); shown once:")
        self.stdout.write(clear)

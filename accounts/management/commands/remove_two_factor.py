"""Remove a staff member's authenticator devices (a lost phone), so that they set up a new
one at their next visit to the admin."""

from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


class Command(BaseCommand):
    help = "Remove the two-factor devices of the account with this e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            user = User.objects.get(email=email.strip().lower())
        except User.DoesNotExist:
            raise CommandError(f"No account has the e-mail address {email}.") from None
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {count} device(s) of {user.email}.")

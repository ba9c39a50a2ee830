"""Build the demo: the PATIT curriculum, a second programme, and demo accounts.

Safe to re-run: pages are matched by slug and users by e-mail; nothing is duplicated.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

from certificates.demo import seed_certificates, seed_templates
from cms.builders import build_programme, ensure_home_page
from cms.demo_content import PROGRAMMES
from courses.demo import seed_cycles
from lms import roles
from lms.models import Rank, User

DEMO_PASSWORD = "patit-demo"  # noqa: S105 - printed for the demo; never used in production

# (e-mail, first name, last name, role, Member State, rank, language, Arabic / French names)
DEMO_USERS = [
    ("admin@unitar.example.org", "Amina", "Diallo", roles.ADMINISTRATORS, "UNS", Rank.OTHER,
     "en", "", ""),
    ("instructor@unitar.example.org", "Marc", "Lefèvre", roles.INSTRUCTORS, "UNS", Rank.OTHER,
     "fr", "", "Marc Lefèvre"),
    ("instructor2@unitar.example.org", "Priya", "Raman", roles.INSTRUCTORS, "UNS", Rank.OTHER,
     "en", "", ""),
    ("ambassador.ghana@missions.example.org", "Kwame", "Mensah", roles.LEARNERS, "GHA",
     Rank.AMBASSADOR, "en", "", ""),
    ("ambassador.egypt@missions.example.org", "Layla", "Haddad", roles.LEARNERS, "EGY",
     Rank.AMBASSADOR, "ar", "ليلى حداد", ""),
    ("deputy.peru@missions.example.org", "Sofía", "Quispe", roles.LEARNERS, "PER",
     Rank.DEPUTY, "en", "", ""),
    ("counsellor.senegal@missions.example.org", "Awa", "Ndiaye", roles.LEARNERS, "SEN",
     Rank.COUNSELLOR, "fr", "", "Awa Ndiaye"),
    ("first.secretary.jordan@missions.example.org", "Omar", "Khalil", roles.LEARNERS, "JOR",
     Rank.FIRST_SECRETARY, "ar", "عمر خليل", ""),
    ("second.secretary.fiji@missions.example.org", "Mere", "Tuilagi", roles.LEARNERS, "FJI",
     Rank.SECOND_SECRETARY, "en", "", ""),
    ("third.secretary.viet.nam@missions.example.org", "Linh", "Nguyen", roles.LEARNERS, "VNM",
     Rank.THIRD_SECRETARY, "en", "", ""),
    ("attache.haiti@missions.example.org", "Jean", "Baptiste", roles.LEARNERS, "HTI",
     Rank.ATTACHE, "fr", "", "Jean Baptiste"),
    ("observer.holy.see@missions.example.org", "Luca", "Bianchi", roles.LEARNERS, "VAT",
     Rank.COUNSELLOR, "en", "", ""),
]

# Further demo participants: (Member State, first name, last name).
PARTICIPANTS = [
    ("BRA", "Ana", "Souza"), ("NOR", "Ingrid", "Haugen"), ("IND", "Arjun", "Mehta"),
    ("KEN", "Wanjiru", "Kamau"), ("MEX", "Diego", "Hernández"), ("IDN", "Siti", "Rahayu"),
    ("MAR", "Youssef", "Benali"), ("PHL", "Maria", "Santos"), ("UKR", "Olena", "Kovalenko"),
    ("CHL", "Camila", "Rojas"), ("NPL", "Sushila", "Karki"), ("GTM", "Luis", "Ajú"),
    ("TUN", "Salma", "Trabelsi"), ("MNG", "Bat-Erdene", "Ganbold"), ("CIV", "Aya", "Kouassi"),
    ("POL", "Marta", "Nowak"), ("LKA", "Nimal", "Perera"), ("URY", "Valentina", "Pereira"),
    ("ETH", "Hana", "Tesfaye"), ("BGD", "Farhana", "Rahman"), ("JAM", "Andre", "Campbell"),
    ("QAT", "Noor", "Al-Thani"),
]


class Command(BaseCommand):
    help = "Create or refresh the demo curriculum and demo accounts (safe to re-run)."

    def handle(self, *args, **options):
        # The demo creates a superuser with a published password: never in production.
        if settings.LMS_ENVIRONMENT == "production":
            raise CommandError(
                "seed_demo refuses to run with the production settings: it creates demo "
                "accounts with the published password. Run it with "
                "DJANGO_SETTINGS_MODULE=lms.settings.dev on a demo database."
            )
        with transaction.atomic():
            home = ensure_home_page()
            programmes = [build_programme(data, home=home) for data in PROGRAMMES]
            users = self.create_users()
            participants = self.create_participants()
            learners = [u for u, role in users if role == roles.LEARNERS] + participants
            instructors = [u for u, role in users if role == roles.INSTRUCTORS]
            seed_templates()
            cycles = seed_cycles(learners=learners, instructors=instructors)
            seed_certificates(next(c for c in cycles if c.is_over()))
        for programme in programmes:
            self.stdout.write(f"Programme: {programme.title} ({programme.url})")
        for cycle in cycles:
            counts = dict(cycle.enrollments.values_list("status").annotate(n=Count("pk")))
            summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            self.stdout.write(f"Cycle {cycle.code}: capacity {cycle.capacity}; {summary}")
        from certificates.models import Certificate

        for certificate in Certificate.objects.filter(status="issued").order_by("serial")[:3]:
            self.stdout.write(f"Certificate {certificate.serial} ({certificate.language}): "
                              f"/verify/{certificate.code}/")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for user, role in users:
            self.stdout.write(f"  {role:<15} {user.email:<48} {user.get_rank_display()}")

    def create_participants(self):
        """More participants from other missions, so that rosters and waitlists are full."""
        participants = []
        ranks = [Rank.COUNSELLOR, Rank.FIRST_SECRETARY, Rank.SECOND_SECRETARY,
                 Rank.THIRD_SECRETARY, Rank.ATTACHE, Rank.MINISTER_COUNSELLOR]
        for i, (code, first, last) in enumerate(PARTICIPANTS):
            user, is_new = User.objects.get_or_create(
                email=f"participant.{code.lower()}@missions.example.org",
                defaults={"first_name": first, "last_name": last, "member_state": code,
                          "rank": ranks[i % len(ranks)]},
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(Group.objects.get(name=roles.LEARNERS))
            participants.append(user)
        return participants

    def create_users(self):
        created = []
        for (email, first, last, role, state, rank, language, name_ar,
             name_fr) in DEMO_USERS:
            user, is_new = User.objects.get_or_create(
                email=email,
                defaults={"first_name": first, "last_name": last, "member_state": state,
                          "rank": rank, "preferred_language": language,
                          "certificate_name_ar": name_ar, "certificate_name_fr": name_fr},
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
            if role == roles.ADMINISTRATORS:
                # The demo administrator may also manage users, groups and settings.
                user.is_superuser = True
                user.is_staff = True
            user.save()
            user.groups.add(Group.objects.get(name=role))
            created.append((user, role))
        return created

"""Build the whole demo in one transaction: curriculum, accounts, cycles, certificates."""

from dataclasses import dataclass

from django.db import transaction

from cms.builders import ensure_home_page
from cms.models import ProgrammePage
from courses.models import Cycle

from .certificates import seed_certificates, seed_templates
from .cycles import seed_cycles
from .people import People, seed_people
from .translations import build_demo_programmes


@dataclass(frozen=True)
class Demo:
    programmes: list[ProgrammePage]
    people: People
    cycles: list[Cycle]
    focal_point: object = None


@transaction.atomic
def seed() -> Demo:
    home = ensure_home_page()
    # English, then the French and Arabic translations of content/translations/.
    programmes = build_demo_programmes(home=home)
    people = seed_people()
    seed_templates()
    cycles = seed_cycles()
    for cycle in cycles:
        if cycle.is_over():
            seed_certificates(cycle)
    focal_point = _seed_focal_point(people)
    return Demo(programmes=programmes, people=people, cycles=cycles, focal_point=focal_point)


def _seed_focal_point(people: People):
    """A focal point for the mission of Ghana, appointed by the demo administrator."""
    from core.roles import ADMINISTRATORS
    from missions.demo import seed_focal_point

    admin = next(a.user for a in people.accounts if a.role == ADMINISTRATORS)
    return seed_focal_point(by=admin, password=people.password)

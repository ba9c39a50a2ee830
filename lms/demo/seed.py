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
    return Demo(programmes=programmes, people=people, cycles=cycles)

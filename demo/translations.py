"""The demo's curriculum in French and Arabic, as data files.

`demo/content/translations/<language>/<programme slug>.yaml` holds the translated texts
of a demo programme in the shape `cms.builders.build_translation` takes (modules and
lessons by slug, lesson bodies block by block in the English order, the knowledge check
with the same right answers). What a file leaves out stays English: the demo shows the
learners' fallback too. `seed_demo` and `bench/module_pdf.py` build the demo programmes
with `build_demo_programmes`.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings

from cms.builders import build_programme, build_translation

from . import loader

TRANSLATIONS = Path(__file__).resolve().parent / "content" / "translations"


def translations_of(slug: str) -> dict[str, dict]:
    """Language code → translated texts of the programme `slug`, for each file found in a
    language of `settings.LANGUAGES` (a file of another language waits until it is one)."""
    found = {}
    languages = {code for code, _name in settings.LANGUAGES}
    for path in sorted(TRANSLATIONS.glob(f"*/{slug}.yaml")):
        if path.parent.name not in languages:
            continue
        with path.open(encoding="utf-8") as file:
            found[path.parent.name] = yaml.safe_load(file)
    return found


def english_programmes() -> list[dict]:
    return loader.programmes()


def build_demo_programmes(*, home) -> list:
    """Build (or refresh) every demo programme and publish its translations."""
    programmes = []
    for data in english_programmes():
        programme = build_programme(data, home=home)
        for language, translated in translations_of(data["slug"]).items():
            build_translation(programme, language, translated)
        programmes.append(programme)
    return programmes

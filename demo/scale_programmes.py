"""The scale data set's small programmes (`scale-<n>`), built from data in the demo's file
shape (see `scale.py`)."""

from __future__ import annotations

from cms.builders import build_programme, ensure_home_page
from cms.models import ProgrammePage


def programme_data(n: int) -> dict:
    """Small programme: 4 modules of 3 lessons and a seminar, in the demo's file shape."""
    parts = [
        {"number": i, "kind": "module", "title": f"Module {i}", "slug": f"module-{i}"}
        for i in range(1, 5)
    ]
    parts.append(
        {
            "number": 5,
            "kind": "seminar",
            "title": "Seminar",
            "slug": "seminar",
            "delivery": "in_person",
        }
    )
    for part in parts:
        part["summary"] = f"What {part['title']} of scale programme {n} teaches."
        part["lessons"] = [
            {
                "title": f"{part['title']}, lesson {j}",
                "slug": f"lesson-{j}",
                "body": [{"type": "rich_text", "value": f"<p>Lesson {j} of {part['title']}.</p>"}],
            }
            for j in range(1, 4)
        ]
    return {
        "slug": f"scale-{n}",
        "title": f"Scale programme {n}",
        "short_title": f"S{n}",
        "intro": "A programme of the scale data set.",
        "audience": "Diplomats of the permanent missions.",
        "languages": ["en"],
        "modules": parts,
    }


def seed_programmes(count: int) -> list[ProgrammePage]:
    home = ensure_home_page()
    existing = {p.slug: p for p in ProgrammePage.objects.filter(slug__startswith="scale-")}
    return [
        existing.get(f"scale-{n}") or build_programme(programme_data(n), home=home)
        for n in range(1, count + 1)
    ]


def programme_from(n: int) -> ProgrammePage:
    found = ProgrammePage.objects.filter(slug=f"scale-{n}").first()
    return found or build_programme(programme_data(n), home=ensure_home_page())

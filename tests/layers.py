"""The layer table: which package sits on which (docs/architecture.md, "Layers").

One source for `tests/test_layers.py`, which checks every import against it, and for the
table in docs/architecture.md, which is printed from it (`python -m tests.layers`) and
checked to be current (decision 0017). A package imports only packages of a lower layer;
packages of the same layer do not import each other.

A unit is one or more module prefixes; a module belongs to the unit with the longest prefix
that matches it (a part of an app may sit on another layer than the rest). `config/` (settings,
URLs, Celery, WSGI) is the roof, not an app: it may import anything, and nothing imports it.
"""

from typing import NamedTuple


class Unit(NamedTuple):
    name: str
    layer: int
    modules: tuple[str, ...]
    holds: str


UNITS = (
    Unit(
        "core",
        0,
        ("core",),
        "the floor: the permission vocabulary, roles, admin helpers, dates, languages, "
        "Member States, caches, validators, CSP, base templates",
    ),
    Unit(
        "private_files",
        0,
        ("private_files",),
        "files kept in the database, private, the same on every machine",
    ),
    Unit(
        "outbox",
        1,
        ("outbox",),
        "messages (e-mails, xAPI statements) written in the transaction, sent after commit",
    ),
    Unit(
        "accounts",
        2,
        ("accounts",),
        "the user model (app label `lms`, decision 0019), profile changes, invitations, "
        "password reset, two-factor, login throttling, single sign-on",
    ),
    Unit("cms", 2, ("cms",), "programme, module and lesson pages, blocks, page builders"),
    Unit("courses", 3, ("courses",), "cycles, enrollments, waitlist, progress"),
    Unit("certificates", 4, ("certificates",), "templates, issuing, rendering, verification"),
    Unit(
        "seminars",
        4,
        ("seminars",),
        "seminar sessions, the attendance screen (the record is `courses`' "
        "`SeminarAttendance`), calendars, announcements",
    ),
    Unit("evaluations", 4, ("evaluations",), "end-of-cycle evaluations, anonymous answers"),
    Unit(
        "missions",
        5,
        ("missions",),
        "Member States' missions: focal points, quotas, their diplomats' learner records",
    ),
    Unit(
        "people",
        5,
        ("people",),
        "personal data export, erasure and retention; bulk import",
    ),
    Unit(
        "reports",
        5,
        ("reports",),
        "reports for administrators and instructors, the progress matrix of a cycle (with "
        "knowledge-check scores and last activity)",
    ),
    Unit(
        "xapi",
        5,
        ("xapi",),
        "xAPI statements to a learning record store, docs/xapi.md; it listens to the rows "
        "the services save",
    ),
    Unit(
        "api",
        6,
        ("api",),
        "the read API at /api/v1/ and its tokens, docs/api.md; it reads through the pages' "
        "selectors",
    ),
    Unit(
        "demo",
        7,
        ("demo",),
        "the demo and the benchmark history, built through the services; installed in "
        "development and tests only",
    ),
)

BEGIN = "<!-- layer table: printed by `python -m tests.layers`, checked by tests/test_layers.py -->"
END = "<!-- end of the layer table -->"


def unit_of(module: str) -> Unit | None:
    """The unit a module belongs to (longest matching prefix), None for a module outside
    the project (Django, Wagtail, the standard library)."""
    best: tuple[int, Unit] | None = None
    for unit in UNITS:
        for prefix in unit.modules:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), unit)
    return best[1] if best else None


def markdown_table() -> str:
    """The table printed in docs/architecture.md, between BEGIN and END."""
    lines = [
        BEGIN,
        "| layer | package | holds | may import (besides Django, Wagtail) |",
        "| --- | --- | --- | --- |",
    ]
    for unit in sorted(UNITS, key=lambda u: (u.layer, UNITS.index(u))):
        below = f"layers 0–{unit.layer - 1}" if unit.layer > 1 else "layer 0"
        modules = ", ".join(f"`{m}`" for m in unit.modules)
        lines.append(
            f"| {unit.layer} | {modules} | {unit.holds} | {below if unit.layer else '—'} |"
        )
    lines.append(END)
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())

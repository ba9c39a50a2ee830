"""The curriculum a cycle is taught from: the live pages of its programme, or the curriculum
pinned when it started (docs/decisions/), read in a fixed number of queries."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from cms.generation import CURRICULUM
from cms.models import LessonPage, ModulePage, ProgrammePage


def page_url(page_url_path: str, roots: list[tuple[str, str]]) -> str:
    for root_path, root_url in roots:
        if page_url_path.startswith(root_path):
            return root_url + page_url_path[len(root_path) :]
    return page_url_path


def site_roots() -> list[tuple[str, str]]:
    from wagtail.models import Site

    # (root page url_path, public prefix), longest first; one cached query per process.
    roots = sorted(Site.get_site_root_paths(), key=lambda r: -len(r.root_path))
    return [(r.root_path, "/") for r in roots]


def curriculum(programme_ids) -> dict[int, list[ModulePage]]:
    """Live modules of the programmes, each with `.outline` (its live lessons), in order."""
    programmes = {
        p.pk: p
        for p in ProgrammePage.objects.filter(pk__in=set(programme_ids)).only("id", "path", "depth")
    }
    if not programmes:
        return {}
    under_any, modules_of_any = Q(), Q()
    for programme in programmes.values():
        under_any |= Q(path__startswith=programme.path)
        modules_of_any |= Q(path__startswith=programme.path, depth=programme.depth + 1)
    modules = list(
        ModulePage.objects.live()
        .filter(modules_of_any)
        .only("id", "path", "title", "number", "kind", "url_path")
        .order_by("number")
    )
    lessons = list(
        LessonPage.objects.live()
        .filter(under_any)
        .only("id", "path", "title", "url_path")
        .order_by("path")
    )
    by_module = defaultdict(list)
    for lesson in lessons:
        by_module[lesson.path[: -LessonPage.steplen]].append(lesson)
    result: dict[int, list[ModulePage]] = {pk: [] for pk in programmes}
    for module in modules:
        module.outline = by_module.get(module.path, [])
        for pk, programme in programmes.items():
            if module.path.startswith(programme.path):
                result[pk].append(module)
    return result


def _pinned(cycles) -> dict[int, list[ModulePage]]:
    """The pinned curricula of cycles, in the shape `curriculum()` returns: the pages that
    count, with today's titles and URLs (content edits show; requirements do not change).
    A pinned page that was since deleted or unpublished cannot be studied and drops out."""
    cycles = [c for c in cycles if c.curriculum]
    if not cycles:
        return {}
    module_ids: set[int] = set()
    lesson_ids: set[int] = set()
    for cycle in cycles:
        for part in cycle.curriculum["modules"]:
            module_ids.add(part["id"])
            lesson_ids.update(lesson["id"] for lesson in part["lessons"])
    modules = {
        m.pk: m
        for m in ModulePage.objects.live()
        .filter(pk__in=module_ids)
        .only("id", "path", "title", "number", "kind", "url_path")
    }
    lessons = {
        lesson.pk: lesson
        for lesson in LessonPage.objects.live()
        .filter(pk__in=lesson_ids)
        .only("id", "path", "title", "url_path")
    }
    result: dict[int, list[ModulePage]] = {}
    for cycle in cycles:
        parts = []
        for part in cycle.curriculum["modules"]:
            page = modules.get(part["id"])
            if page is None:
                continue
            # A copy per cycle: two cycles may pin different lessons of the same module.
            module = copy.copy(page)
            module.number, module.kind = part["number"], part["kind"]
            module.outline = []
            for item in part["lessons"]:
                lesson = lessons.get(item["id"])
                if lesson is not None:
                    lesson = copy.copy(lesson)
                    lesson.pinned_checks = tuple(item.get("checks", ()))
                    module.outline.append(lesson)
            parts.append(module)
        result[cycle.pk] = parts
    return result


def parts_of_cycles(cycles) -> dict[int, list[ModulePage]]:
    """Cycle id → the modules (with `.outline`) whose lessons count for that cycle: its
    pinned curriculum once it has started, the programme's live curriculum before."""
    cycles = list(cycles)
    result = _pinned(cycles)
    unpinned = [c for c in cycles if c.pk not in result]
    live = curriculum(c.programme_id for c in unpinned)
    for cycle in unpinned:
        result[cycle.pk] = live.get(cycle.programme_id, [])
    return result


@dataclass(frozen=True)
class LessonOutline:
    id: int
    title: str
    url_path: str
    # The knowledge checks that count (block ids) once the curriculum is pinned; None: not
    # pinned yet, every check in the lesson counts.
    checks: tuple[str, ...] | None


@dataclass(frozen=True)
class PartOutline:
    id: int
    number: int
    kind: str
    title: str
    url_path: str
    lessons: tuple[LessonOutline, ...]


def _outline_key(cycle) -> str:
    if cycle.curriculum:
        pinned = cycle.curriculum_pinned_at.timestamp() if cycle.curriculum_pinned_at else 0
        return f"outline:cycle:{cycle.pk}:{pinned:.6f}"
    return f"outline:programme:{cycle.programme_id}"


def outlines_of_cycles(cycles) -> dict[int, tuple[PartOutline, ...]]:
    """`parts_of_cycles` as plain data, kept in the shared cache until a page changes
    (`cms/generation.py`): a lesson page or a dashboard reads it in one cache round trip
    instead of two queries on the page tree."""
    by_id = {cycle.pk: cycle for cycle in cycles}

    def compute(ids):
        trees = parts_of_cycles([by_id[pk] for pk in ids])
        return {
            pk: tuple(
                PartOutline(
                    id=module.pk,
                    number=module.number,
                    kind=module.kind,
                    title=module.title,
                    url_path=module.url_path,
                    lessons=tuple(
                        LessonOutline(
                            lesson.pk,
                            lesson.title,
                            lesson.url_path,
                            getattr(lesson, "pinned_checks", None),
                        )
                        for lesson in module.outline
                    ),
                )
                for module in trees[pk]
            )
            for pk in ids
        }

    return CURRICULUM.cached_many({pk: _outline_key(c) for pk, c in by_id.items()}, compute)

"""The curriculum a cycle is taught from: the live pages of its programme, or the curriculum
pinned when it started (docs/decisions/), read in a fixed number of queries."""

from __future__ import annotations

import copy
from collections import defaultdict

from django.db.models import Q

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


def parts_of_cycle(cycle) -> list[ModulePage]:
    return parts_of_cycles([cycle])[cycle.pk]

"""Routing a curriculum URL in one query per level of the tree, not two per slug.

Wagtail routes `/programme/module/lesson/` by walking down from the home page: for every
slug one query for the child and one for its specific page, then the lesson gate and the
page's context walk back up with `get_parent()` (two queries a level again). The curriculum
has a fixed shape (home → programme → module → lesson, `parent_page_types`), so the page at
a URL is found by its `url_path` in one query on the model its depth implies, and its
ancestors are read the same way and attached as the parents `get_parent()` returns.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from .generation import CURRICULUM


def _models_by_depth(home: Page) -> dict[int, type[Page]]:
    from .models import LessonPage, ModulePage, ProgrammePage

    return {home.depth + 1: ProgrammePage, home.depth + 2: ModulePage, home.depth + 3: LessonPage}


def route_curriculum(home: Page, path_components: list[str]) -> RouteResult | None:
    """The route of a curriculum page under `home` (404 for a page that is not live), or
    None when the URL is not a curriculum page's: Wagtail's own routing then decides.

    The page and its parents are kept in the shared cache until any page changes
    (`cms/generation.py`): a lesson read by a whole cycle is read from the database once."""
    depth = home.depth + len(path_components)
    if depth not in _models_by_depth(home):
        return None
    url_path = home.url_path + "".join(f"{slug}/" for slug in path_components)
    page = CURRICULUM.cached(
        f"route:{url_path}", lambda: _find(home, url_path, depth), keep_none=False
    )
    if page is None:
        return None
    if not page.live:
        raise Http404
    return RouteResult(page)


def _find(home: Page, url_path: str, depth: int) -> Page | None:
    models = _models_by_depth(home)
    page = models[depth].objects.filter(url_path=url_path, depth=depth).first()
    if page is None:
        return None
    child = page
    for level in range(depth - 1, home.depth, -1):
        parent = models[level].objects.get(path=child.path[: -Page.steplen])
        child._cached_parent_obj = parent  # what treebeard's get_parent() returns
        child = parent
    child._cached_parent_obj = home
    return page

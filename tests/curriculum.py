"""Test programmes built once per shape and then copied (issue 20, docs/testing.md).

`build_programme` makes each page through Wagtail's `add_child`: ~32 queries a page (tree
path, validation, search index, log entry), 0.3 s for the factory's 21-page programme, and
about 500 tests build one. Here the first programme of each shape (modules, seminar,
lessons, checks) in a test process is built by `build_programme` exactly as the demo builds
its own; its rows are kept in memory, and later programmes of that shape are written from
them in a few bulk statements:
- the programme page itself still goes through `add_child`, so everything that happens when
  a programme is created (its moderation workflow and group, the log entry, the curriculum
  generation) happens for every copy;
- its modules and lessons are inserted with the same field values, under the new
  programme's path and URL, each with a new translation key; the search index, the
  "created" log entries and the curriculum generation are updated as `add_child` would.

`tests/test_curriculum_copies.py` builds one programme each way and compares every row
that refers to their pages, so a copy that drifts from a build fails there first.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.builders import build_programme, ensure_home_page
from cms.generation import CURRICULUM
from cms.models import ProgrammePage

# Fields every copied page gets anew (identity, place in the tree, time of creation).
RENEWED = {
    "id",
    "page_ptr_id",
    "path",
    "url_path",
    "translation_key",
    "locale_id",
    "content_type_id",
}


@dataclass
class _Template:
    programme: dict  # the programme page's values (all concrete fields of ProgrammePage)
    descendants: list[tuple[type[Page], dict]]  # in tree (path) order
    log_entries: dict[str, list[dict]]  # relative path -> its pages' log entries' values


_templates: dict[tuple, _Template] = {}
# TEST_COPY_PROGRAMMES=0 builds every programme with build_programme (to compare).
ENABLED = os.environ.get("TEST_COPY_PROGRAMMES", "1") != "0"


def programme(data: dict, shape: tuple) -> ProgrammePage:
    """The programme described by `data` (`tests.factories.programme_data`), copied from
    the first one of the same `shape` built in this process, or built when there is none."""
    if not ENABLED:
        return build_programme(data)
    home = ensure_home_page()
    if ProgrammePage.objects.child_of(home).filter(slug=data["slug"]).exists():
        return build_programme(data, home=home)  # updated in place, as the demo's would be
    template = _templates.get(shape)
    if template is None:
        built = build_programme(data, home=home)
        _templates[shape] = _capture(built)
        return built
    return _copy(template, data, home)


def _capture(built: ProgrammePage) -> _Template:
    """The built tree's rows, read with one query per page type (not one per page)."""
    tree = list(
        Page.objects.filter(path__startswith=built.path)
        .order_by("path")
        .values_list("pk", "path", "content_type_id")
    )
    models_of = {pk: ContentType.objects.get_for_id(ct).model_class() for pk, _path, ct in tree}
    rows: dict[int, dict] = {}
    for model in set(models_of.values()):
        pks = [pk for pk, m in models_of.items() if m is model]
        rows.update((row["id"], row) for row in model.objects.filter(pk__in=pks).values())
    relative = {pk: path[len(built.path) :] for pk, path, _ct in tree}
    logs: dict[str, list[dict]] = {}
    for entry in PageLogEntry.objects.filter(page__in=relative).values():
        logs.setdefault(relative[entry["page_id"]], []).append(entry)
    return _Template(
        programme=rows[built.pk],
        descendants=[(models_of[pk], rows[pk]) for pk, _path, _ct in tree[1:]],
        log_entries=logs,
    )


@transaction.atomic
def _copy(template: _Template, data: dict, home) -> ProgrammePage:
    fields = {
        k: v
        for k, v in template.programme.items()
        if k not in RENEWED
        and k not in {"depth", "numchild", "live", "has_unpublished_changes", "latest_revision_id"}
    }
    fields.update(
        slug=data["slug"],
        title=data["title"],
        draft_title=data["title"],
        short_title=data["short_title"],
    )
    new = home.add_child(instance=ProgrammePage(**fields))

    old_root = template.programme
    now = timezone.now()
    bases = []
    for model, values in template.descendants:
        base = {k: v for k, v in values.items() if k in _PAGE_FIELDS}
        base.update(
            id=None,
            path=new.path + values["path"][len(old_root["path"]) :],
            url_path=new.url_path + values["url_path"][len(old_root["url_path"]) :],
            translation_key=uuid.uuid4(),
            locale_id=new.locale_id,
            content_type_id=ContentType.objects.get_for_model(model).pk,
        )
        bases.append(Page(**base))
    Page.objects.bulk_create(bases)

    # Each page's own table: Django's bulk_create refuses multi-table inheritance, so the
    # rows go through the same insert it would use, one statement per page type.
    by_model: dict[type[Page], list[Page]] = {}
    for (model, values), base in zip(template.descendants, bases, strict=True):
        own = {f.attname: values[f.attname] for f in model._meta.local_concrete_fields}
        own["page_ptr_id"] = base.pk
        by_model.setdefault(model, []).append(model(**own))
    for model, objs in by_model.items():
        local = [f for f in model._meta.local_concrete_fields]
        model._base_manager._insert(objs, fields=local, using=connection.alias)

    children = sum(1 for _m, v in template.descendants if v["depth"] == old_root["depth"] + 1)
    Page.objects.filter(pk=new.pk).update(numchild=children)
    new.numchild = children

    entries = []
    for (_model, values), base in zip(template.descendants, bases, strict=True):
        relative = values["path"][len(old_root["path"]) :]
        for entry in template.log_entries.get(relative, []):
            entries.append(
                PageLogEntry(**{**entry, "id": None, "page_id": base.pk, "timestamp": now})
            )
    PageLogEntry.objects.bulk_create(entries)

    _index([base.pk for base in bases], by_model)
    CURRICULUM.bump()
    return new


def _index(pks: list[int], by_model: dict[type[Page], list[Page]]) -> None:
    """Add the copied pages to the search index, as the post_save handler does one by one."""
    from modelsearch.backends import get_search_backends
    from modelsearch.index import class_is_indexed

    for model in by_model:
        if not class_is_indexed(model):
            continue
        objs = list(model.objects.filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objs)


_PAGE_FIELDS = {f.attname for f in Page._meta.concrete_fields}

"""A programme copied by tests/curriculum.py is the programme build_programme would make:
the same pages, page types and field values, the same rows in every table that refers to
them (log entries, search index, permissions, workflow), found by the same searches."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.blocks import StreamValue
from wagtail.models import Page

from cms.builders import build_programme
from cms.models import LessonPage, ProgrammePage
from tests import curriculum
from tests.factories import programme_data

SHAPE = {"modules": 2, "seminar": True, "lessons": 2, "checks": True}
# What differs between any two programmes, built or copied: identity, place, time, number.
IGNORED = {
    "id",
    "page_ptr_id",
    "path",
    "url_path",
    "translation_key",
    "slug",
    "title",
    "draft_title",
    "short_title",
    "timestamp",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "object_id",
    "page_id",
    "group_id",
    "workflow_id",
    "name",
    "label",
    # The search index's weight of a title against the index's mean title length at the
    # time of indexing: it differs between any two programmes indexed at different times.
    "title_norm",
}


def _tree(programme: ProgrammePage) -> list[Page]:
    return [
        p.specific for p in Page.objects.filter(path__startswith=programme.path).order_by("path")
    ]


def _without_ids(value):
    """A stream's JSON without its blocks' ids, random for each page saved."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _plain(values: dict, root: ProgrammePage) -> dict:
    number = root.slug.removeprefix("programme-")  # in the programme's title and index entry
    kept = {
        k: _without_ids(list(v.get_prep_value()))
        if isinstance(v, StreamValue)
        else v.replace(number, "N")
        if isinstance(v, str)
        else v
        for k, v in values.items()
        if k not in IGNORED
    }
    for key in ("path", "url_path"):
        if key in values:
            kept["relative_" + key] = values[key][len(getattr(root, key)) :]
    return kept


def _rows_referring_to(pages: list[Page], root: ProgrammePage) -> dict[str, list]:
    """Every row of every model with a foreign key to one of `pages`, or a generic
    reference (content type + object id) to one, without its identity."""
    pks = [p.pk for p in pages]
    position = {p.pk: i for i, p in enumerate(pages)}
    found: dict[str, list] = {}
    page_types = {ContentType.objects.get_for_model(type(p)).pk for p in pages}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            target = getattr(field, "related_model", None)
            if isinstance(field, models.ForeignKey) and target and issubclass(target, Page):
                if model in (Page,) or (issubclass(model, Page) and field.name == "page_ptr"):
                    continue
                for row in model._base_manager.filter(**{f"{field.attname}__in": pks}).values():
                    found.setdefault(f"{model._meta.label}.{field.name}", []).append(
                        (position[row[field.attname]], _plain(row, root))
                    )
        names = {f.attname for f in model._meta.concrete_fields}
        if {"content_type_id", "object_id"} <= names and not issubclass(model, Page):
            rows = model._base_manager.filter(
                content_type_id__in=page_types, object_id__in=[str(pk) for pk in pks]
            ).values()
            for row in rows:
                found.setdefault(f"{model._meta.label}.object_id", []).append(
                    (position[int(row["object_id"])], _plain(row, root))
                )
    return {key: sorted(rows, key=repr) for key, rows in found.items()}


@pytest.mark.django_db
def test_a_copied_programme_has_the_rows_a_built_one_has():
    built = build_programme(programme_data(901, **SHAPE))
    curriculum.programme(programme_data(902, **SHAPE), shape=("copies", *SHAPE.values()))
    copied = curriculum.programme(programme_data(903, **SHAPE), shape=("copies", *SHAPE.values()))
    assert copied.slug == "programme-903" and copied.title == "Programme 903"

    built_tree, copied_tree = _tree(built), _tree(copied)
    assert len(built_tree) == len(copied_tree) == 1 + 2 + 1 + 3 * 2
    assert [type(p) for p in built_tree] == [type(p) for p in copied_tree]
    assert [_plain(type(p).objects.filter(pk=p.pk).values()[0], built) for p in built_tree] == [
        _plain(type(p).objects.filter(pk=p.pk).values()[0], copied) for p in copied_tree
    ]
    assert [p.url for p in copied_tree] == [
        p.url.replace("programme-901", "programme-903") for p in built_tree
    ]
    assert _rows_referring_to(built_tree, built) == _rows_referring_to(copied_tree, copied)
    assert len({p.translation_key for p in built_tree + copied_tree}) == 2 * len(built_tree)


@pytest.mark.django_db
def test_a_copied_lesson_is_found_by_search_and_served():
    curriculum.programme(programme_data(911, **SHAPE), shape=("search", *SHAPE.values()))
    copied = curriculum.programme(programme_data(912, **SHAPE), shape=("search", *SHAPE.values()))
    lesson = LessonPage.objects.descendant_of(copied).get(
        slug="lesson-2", title__startswith="Seminar"
    )
    found = LessonPage.objects.live().descendant_of(copied).search("Seminar lesson 2")
    assert lesson.pk in [page.pk for page in found]
    assert Page.objects.get(pk=copied.pk).numchild == 3
    assert copied.get_children().count() == 3
    assert lesson.get_parent().get_parent().pk == copied.pk

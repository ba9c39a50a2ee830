"""Build curriculum page trees from plain data.

`seed_demo` and the test factories share these, so the demo and the tests exercise the same
tree shape. Building is idempotent: pages are found by slug under their parent and updated.
"""

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from .models import ContentTranslation, HomePage, LessonPage, ModulePage, ProgrammePage

HOME_TITLE = "PATIT LMS"
HOME_INTRO = (
    "<p>E-learning and seminars for the diplomats of the permanent and observer missions "
    "to the United Nations, run by UNITAR.</p>"
)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The site's HomePage, created under the root and made the default site's root."""
    from wagtail.models import Locale

    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="patit-home", intro=HOME_INTRO)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = HOME_TITLE
        site.save()
        # Wagtail's placeholder "Welcome" page is of no use once the real home exists.
        if type(welcome.specific) is Page and not welcome.get_children().exists():
            welcome.delete()
    ensure_locale_roots(home)
    return home


def ensure_locale_roots(home: HomePage) -> None:
    """An alias of the home page in every other locale: the root under which translations
    are made (simple translation copies a page only under a translated parent)."""
    from wagtail.models import Locale

    for locale in Locale.objects.exclude(pk=home.locale_id):
        if not home.has_translation(locale):
            home.copy_for_translation(locale, alias=True)


def _upsert_child(parent: Page, model, slug: str, fields: dict):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        page = existing
        _publish_if_changed(page, fields)
    return page


def _publish_if_changed(page: Page, fields: dict) -> None:
    """Set `fields` on `page` and publish a new revision, unless the live page already
    holds exactly these values: running `seed_demo` again then writes no revision, log
    entry or search-index update for the pages it left as they were."""
    changed = not page.live or page.has_unpublished_changes
    for name, value in fields.items():
        field = page._meta.get_field(name)
        before = _stored(field, page)
        setattr(page, name, value)
        changed = changed or _stored(field, page) != before
    if changed:
        page.save_revision().publish()


def _stored(field, page):
    """What the database would hold for `field` of `page`; for a StreamField, without the
    block ids, which a value given as (type, value) pairs gets afresh."""
    value = field.get_prep_value(getattr(page, field.attname))
    return _without_block_ids(value) if isinstance(field, StreamField) else value


def _without_block_ids(value):
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_block_ids(item) for key, item in value.items() if key != "id"}
    return value


@transaction.atomic
def build_programme(data: dict, *, home: HomePage | None = None) -> ProgrammePage:
    """Create or update a published programme, its modules and their lessons from `data`
    (the shape of the demo's programme files, `demo/content/programmes/`)."""
    home = home or ensure_home_page()
    programme = _upsert_child(
        home,
        ProgrammePage,
        data["slug"],
        {
            "title": data["title"],
            "short_title": data["short_title"],
            "intro": data["intro"],
            "description": data.get("description", ""),
            "audience": data["audience"],
            "languages": list(data.get("languages", ["en"])),
        },
    )
    for module_data in data["modules"]:
        module = _upsert_child(
            programme,
            ModulePage,
            module_data["slug"],
            {
                "title": module_data["title"],
                "number": module_data["number"],
                "kind": module_data.get("kind", ModulePage.Kind.MODULE),
                "summary": module_data["summary"],
                "learning_outcomes": [
                    ("outcome", outcome) for outcome in module_data.get("learning_outcomes", [])
                ],
                "estimated_hours": module_data.get("estimated_hours", 4),
                "delivery": module_data.get("delivery", ModulePage.Delivery.ELEARNING),
            },
        )
        lessons = module_data["lessons"]
        for position, lesson_data in enumerate(lessons, start=1):
            body = [(block["type"], block["value"]) for block in lesson_data["body"]]
            if position == len(lessons) and module_data.get("knowledge_check"):
                # The module's knowledge check closes its last lesson.
                body.append(
                    ("knowledge_check", knowledge_check_value(module_data["knowledge_check"]))
                )
            _upsert_child(
                module,
                LessonPage,
                lesson_data["slug"],
                {
                    "title": lesson_data["title"],
                    "summary": lesson_data.get("summary", ""),
                    "estimated_minutes": lesson_data.get("estimated_minutes", 20),
                    "body": body,
                },
            )
    return programme


def knowledge_check_value(data: dict) -> dict:
    """A knowledge-check block value from the plain shape of the demo content, where each
    question lists its choices as strings and names the correct one by index."""
    return {
        "title": data.get("title", "Check your understanding"),
        "pass_mark": data.get("pass_mark", 70),
        "questions": [
            {
                "text": question["text"],
                "choices": [
                    {"text": text, "correct": index == question["correct"]}
                    for index, text in enumerate(question["choices"])
                ],
                "explanation": question.get("explanation", ""),
            }
            for question in data["questions"]
        ],
    }


def translate_page(page, language_code: str, fields: dict, body: list | None = None):
    """Create or update the published translation of `page` in `language_code`, as an
    instructor would with Translate (Wagtail's `copy_for_translation`, which keeps the
    translation key and the StreamField block ids). `body` lists the translated blocks in
    the order of the original's, so each keeps its original block id: a knowledge check
    answered in a translation is the same check. Parents not translated yet become aliases
    (English, live) as simple translation makes them."""
    from wagtail.actions.convert_alias import ConvertAliasPageAction
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language_code)
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    elif translated.alias_of_id:
        ConvertAliasPageAction(translated, user=None).execute(skip_permission_checks=True)
    translated = translated.specific_class.objects.get(pk=translated.pk)
    fields = dict(fields)
    if body is not None:
        originals = list(page.body)
        if len(originals) != len(body):
            raise ValueError(f"{page.title}: {len(body)} translated blocks for {len(originals)}")
        # The JSON form (type, value, id): the id is what keeps a check the same check.
        fields["body"] = [
            {"type": original.block_type, "value": value, "id": original.id}
            for original, value in zip(originals, body, strict=True)
        ]
    _publish_if_changed(translated, fields)
    return translated


@transaction.atomic
def build_translation(programme: ProgrammePage, language_code: str, data: dict) -> None:
    """Publish the translation of a programme built by `build_programme` from `data`, the
    translated texts in the same shape (modules and lessons found by slug; modules or
    lessons left out stay English, the learners' fallback)."""
    translate_page(
        programme,
        language_code,
        {key: data[key] for key in ("title", "intro", "description", "audience") if key in data},
    )
    modules = {m.slug: m for m in ModulePage.objects.child_of(programme)}
    for module_data in data.get("modules", []):
        module = modules[module_data["slug"]]
        fields = {key: module_data[key] for key in ("title", "summary") if key in module_data}
        if "learning_outcomes" in module_data:
            fields["learning_outcomes"] = [
                ("outcome", outcome) for outcome in module_data["learning_outcomes"]
            ]
        translate_page(module, language_code, fields)
        lessons = list(LessonPage.objects.child_of(module).order_by("path"))
        by_slug = {lesson.slug: lesson for lesson in lessons}
        for lesson_data in module_data.get("lessons", []):
            lesson = by_slug[lesson_data["slug"]]
            body = [block["value"] for block in lesson_data["body"]]
            if lesson.pk == lessons[-1].pk and module_data.get("knowledge_check"):
                body.append(knowledge_check_value(module_data["knowledge_check"]))
            translate_page(
                lesson,
                language_code,
                {key: lesson_data[key] for key in ("title", "summary") if key in lesson_data},
                body=body,
            )


def translate_name(obj, field: str, language_code: str, text: str) -> ContentTranslation:
    """Write (or rewrite) `obj`'s `field` in `language_code`, as an administrator does in
    *Settings → Name translations*: validated (a listed field, one of the site's other
    languages, one line), one row per object, field and language."""
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(obj)
    row = ContentTranslation.objects.filter(
        content_type=kind, object_id=obj.pk, field=field, language=language_code
    ).first() or ContentTranslation(
        content_type=kind, object_id=obj.pk, field=field, language=language_code
    )
    row.text = text
    row.full_clean()
    row.save()
    return row

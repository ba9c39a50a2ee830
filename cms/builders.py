"""Build curriculum page trees from plain data.

`seed_demo` and the test factories share these, so the demo and the tests exercise the same
tree shape. Building is idempotent: pages are found by slug under their parent and updated.
"""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, LessonPage, ModulePage, ProgrammePage

HOME_TITLE = "PATIT LMS"
HOME_INTRO = (
    "<p>E-learning and seminars for the diplomats of the permanent and observer missions "
    "to the United Nations, run by UNITAR.</p>"
)


@transaction.atomic
def ensure_home_page() -> HomePage:
    """The site's HomePage, created under the root and made the default site's root."""
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="patit-home", intro=HOME_INTRO)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
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
    return home


def _upsert_child(parent: Page, model, slug: str, fields: dict):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    else:
        page = existing
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
    return page


@transaction.atomic
def build_programme(data: dict, *, home: HomePage | None = None) -> ProgrammePage:
    """Create or update a published programme, its modules and their lessons from `data`
    (the shape of the demo's programme files, `lms/demo/content/programmes/`)."""
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
                body.append(("knowledge_check", knowledge_check_value(
                    module_data["knowledge_check"])))
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

"""A lesson weighs at most 60 KB transferred, media left aside, on a learner's first visit
(an empty browser cache): the page, its stylesheet and anything else but images. The lesson
is a long one, with a video (a link until asked for), an image (a rendition the browser
picks from a srcset) and a knowledge check, read in every language of settings.LANGUAGES
(translated in French and Chinese, the heaviest text per character); axe-core finds nothing
on it."""

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.builders import build_translation
from core import languages
from courses import services
from tests.browser.axe import axe_context, violations
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

# Every language of settings.LANGUAGES with its files (languages.complete()): a language
# added there is checked here once the completeness test passes for it.
LANGUAGES = languages.complete()

BUDGET = 60 * 1024
MEDIA = {"image", "media"}
PARAGRAPH = (
    "<p>Permanent missions depend on a few well-kept machines: a workstation for each "
    "officer, a shared printer and scanner, and the display in the meeting room. "
    "Knowing what each part does helps a diplomat describe a fault precisely and "
    "choose equipment that will last the length of a posting.</p>"
)


def long_lesson_programme():
    programme = ProgrammeFactory(n=1, modules=1, seminar=False, lessons=1, checks=True)
    lesson = programme.modules().first().lessons().first().specific
    image = Image.objects.create(title="Workstation", file=get_test_image_file(size=(1600, 900)))
    check = next(block for block in lesson.body.raw_data if block["type"] == "knowledge_check")
    lesson.body = [
        {"type": "rich_text", "value": "<h2>Inside the workstation</h2>" + PARAGRAPH * 12},
        {
            "type": "video",
            "value": {
                "video": "https://www.youtube.com/watch?v=abcdefghijk",
                "title": "Inside the workstation",
                "duration": "4:30",
                "transcript": PARAGRAPH * 4,
            },
        },
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "A desk computer",
                "caption": "A mission workstation.",
            },
        },
        {
            "type": "callout",
            "value": {"kind": "tip", "title": "Before you call support", "text": PARAGRAPH},
        },
        {"type": "rich_text", "value": PARAGRAPH * 8},
        check,
    ]
    lesson.save_revision().publish()
    french_body = [
        "<h2>À l'intérieur du poste de travail</h2>" + "<p>Texte français.</p>" * 60,
        {
            "video": "https://www.youtube.com/watch?v=abcdefghijk",
            "title": "À l'intérieur du poste de travail",
            "duration": "4:30",
            "transcript": "",
        },
        {"image": image.pk, "alt_text": "Un ordinateur de bureau", "caption": ""},
        {"kind": "tip", "title": "Avant d'appeler l'assistance", "text": "<p>Notez le modèle.</p>"},
        "<p>Suite du texte.</p>" * 40,
    ]
    build_translation(
        programme,
        "fr",
        {
            "modules": [
                {
                    "slug": "module-1",
                    "title": "Module un",
                    "lessons": [
                        {
                            "slug": "lesson-1",
                            "title": "Leçon longue",
                            "body": [{"type": "x", "value": value} for value in french_body],
                        }
                    ],
                    "knowledge_check": {
                        "title": "Vérifiez vos connaissances",
                        "pass_mark": 50,
                        "questions": [
                            {
                                "text": f"Question {q} ?",
                                "choices": ["Non", "Oui", "Peut-être"],
                                "correct": 1,
                            }
                            for q in (1, 2)
                        ],
                    },
                }
            ]
        },
    )
    # Chinese, the heaviest text per character (three bytes in UTF-8): as long as the English.
    sentence = "常驻代表团依靠几台维护良好的机器：每位官员一台工作站、一台共用打印机和扫描仪。"
    chinese_body = [
        "<h2>工作站内部</h2>" + f"<p>{sentence * 4}</p>" * 14,
        {
            "video": "https://www.youtube.com/watch?v=abcdefghijk",
            "title": "工作站内部",
            "duration": "4:30",
            "transcript": f"<p>{sentence * 4}</p>" * 4,
        },
        {"image": image.pk, "alt_text": "一台台式电脑", "caption": "代表团的工作站。"},
        {"kind": "tip", "title": "联系技术支持之前", "text": f"<p>{sentence}</p>"},
        f"<p>{sentence * 4}</p>" * 8,
    ]
    build_translation(
        programme,
        "zh-hans",
        {
            "modules": [
                {
                    "slug": "module-1",
                    "title": "第一单元",
                    "lessons": [
                        {
                            "slug": "lesson-1",
                            "title": "长篇课程",
                            "body": [{"type": "x", "value": value} for value in chinese_body],
                        }
                    ],
                    "knowledge_check": {
                        "title": "检查您的知识",
                        "pass_mark": 50,
                        "questions": [
                            {"text": f"问题{q}？", "choices": ["否", "是", "也许"], "correct": 1}
                            for q in (1, 2)
                        ],
                    },
                }
            ]
        },
    )
    return programme, lesson


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lesson_weighs_at_most_60_kb_without_media(live_server, browser, language):
    programme, lesson = long_lesson_programme()
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory(preferred_language=language)
    services.apply(learner=learner, cycle=cycle)
    client = Client()
    client.force_login(learner)
    context = axe_context(browser, locale="en-US", viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    try:
        response = page.goto(f"{live_server.url}{lesson.url}", wait_until="networkidle")
        assert response.status == 200
        assert page.locator(".knowledge-check form").count() == 1
        assert page.locator("iframe").count() == 0
        weights = {}
        for request in finished:
            if request.resource_type in MEDIA:
                continue
            sizes = request.sizes()
            weights[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total = sum(weights.values())
        found = violations(page)
    finally:
        context.close()
    print(f"lesson weight ({language}): {total} bytes in {len(weights)} requests")
    assert total <= BUDGET, f"{total} bytes: {weights}"
    assert any(url.endswith(lesson.url) for url in weights)  # the page itself was counted
    assert found == []

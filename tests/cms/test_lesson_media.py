"""Lesson media on slow connections: a video is a link with its title and length until the
learner asks to play it (no provider player with the page), and images come as renditions
in several widths (srcset) for the browser to pick the smallest that fits."""

import re

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses import services
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
VIDEO_URL = "https://www.youtube.com/watch?v=abcdefghijk"


def media_lesson():
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    lesson = programme.modules().first().lessons().first().specific
    image = Image.objects.create(title="Workstation", file=get_test_image_file(size=(1600, 900)))
    lesson.body = [
        {"type": "rich_text", "value": "<p>Watch, then read.</p>"},
        {
            "type": "video",
            "value": {
                "video": VIDEO_URL,
                "title": "Inside the workstation",
                "duration": "4:30",
                "transcript": "<p>Words.</p>",
            },
        },
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "A desk computer", "caption": ""},
        },
    ]
    lesson.save_revision().publish()
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    return lesson, learner


def test_video_is_a_link_until_the_learner_asks(client):
    lesson, learner = media_lesson()
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "<iframe" not in html and "youtube.com/embed" not in html
    block_id = next(block.id for block in lesson.body if block.block_type == "video")
    assert f'href="?play={block_id}#video-{block_id}"' in html
    assert "Inside the workstation (4:30)" in html
    assert f'href="{VIDEO_URL}"' in html
    # Asked for: the player is embedded (from Wagtail's embed cache; no network in tests).
    Embed.objects.create(
        url=VIDEO_URL,
        max_width=None,
        hash=get_embed_hash(VIDEO_URL),
        html='<iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe>',
        type="video",
    )
    played = client.get(lesson.url, {"play": block_id}).content.decode()
    assert played.count("<iframe") == 1 and "youtube.com/embed/abcdefghijk" in played


def test_images_are_renditions_with_a_srcset(client):
    lesson, learner = media_lesson()
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    tag = re.search(r"<img [^>]*>", html).group(0)
    widths = sorted(int(w) for w in re.findall(r" (\d+)w", tag))
    assert widths == [400, 800, 1200]
    assert 'sizes="(max-width: 860px) 100vw, 800px"' in tag
    assert 'loading="lazy"' in tag and 'alt="A desk computer"' in tag
    assert ".webp" in tag

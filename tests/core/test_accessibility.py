"""Accessibility findings of issue 11, checked without a browser: the flash messages' list
markup (axe "listitem") and the contrast of the Withdraw button (WCAG 1.4.3, 4.5:1)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from courses import services
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
SITE_CSS = Path(settings.BASE_DIR) / "core" / "static" / "css" / "site.css"


class ListItems(HTMLParser):
    """Records, for every <li>, its parent element and the parent's role attribute."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.stack, self.items, self.status_regions = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li":
            parent = self.stack[-1] if self.stack else ("", {})
            self.items.append((parent[0], parent[1].get("role")))
        if attrs.get("role") == "status":
            self.status_regions.append(tag)
        if tag not in self.VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def test_flash_messages_are_list_items_of_a_real_list_inside_a_live_region(client):
    cycle = CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))
    client.force_login(LearnerFactory())
    response = client.post(reverse("courses:apply", args=[cycle.code]), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"You are enrolled in {cycle.code}." in content
    parser = ListItems()
    parser.feed(content)
    assert parser.items  # the page has list items, the message among them
    # axe "listitem": an <li> belongs to a <ul>/<ol> that keeps its list role.
    assert all(
        parent in ("ul", "ol") and role in (None, "list") for parent, role in parser.items
    ), parser.items
    assert parser.status_regions == ["div"]  # the live region wraps the list


# --- Contrast ----------------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def computed(css: str, tag: str, classes: set[str]) -> dict[str, str]:
    """The colour and background an element gets from the stylesheet: a small cascade over
    simple selectors (tag and classes, no combinators), by specificity then source order."""
    variables = dict(re.findall(r"(--[\w-]+):\s*([^;]+);", css))
    matched = []
    for order, (selectors, body) in enumerate(re.findall(r"([^{}]+)\{([^}]*)\}", css)):
        selectors = re.sub(r"/\*.*?\*/", "", selectors, flags=re.S)
        for selector in (s.strip() for s in selectors.split(",")):
            match = re.fullmatch(r"([a-z]*)((?:\.[\w-]+)*)", selector)
            if not match or not selector:
                continue
            sel_tag, sel_classes = match.group(1), set(match.group(2).split(".")) - {""}
            if (sel_tag in ("", tag)) and sel_classes <= classes:
                matched.append(((len(sel_classes), bool(sel_tag)), order, body))
    style = {}
    for _specificity, _order, body in sorted(matched, key=lambda m: (m[0], m[1])):
        for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            value = value.strip()
            var = re.fullmatch(r"var\((--[\w-]+)\)", value)
            style[prop] = variables[var.group(1)].strip() if var else value
    return style


def confirmation_page(client, which):
    """The withdraw or decline confirmation of a learner offered a seat."""
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=1
    )
    seated, waiting = LearnerFactory(), LearnerFactory()
    first = services.apply(learner=seated, cycle=cycle)
    offered = services.apply(learner=waiting, cycle=cycle)
    services.withdraw(enrollment=first, by=seated)
    offered.refresh_from_db()
    assert offered.status == "offered"
    client.force_login(waiting)
    response = client.get(reverse(f"courses:{which}", args=[offered.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "which, label", [("withdraw", "Yes, withdraw"), ("decline_offer", "Yes, decline the seat")]
)
def test_the_confirm_buttons_have_at_least_4_5_to_1_contrast(client, which, label):
    content = confirmation_page(client, which)
    button = re.search(rf'<button type="submit" class="([^"]+)">{label}</button>', content)
    assert button is not None
    style = computed(SITE_CSS.read_text(), "button", set(button.group(1).split()))
    colour, background = style.get("color"), style.get("background")
    # Without its own colour the button keeps the browser's dark text: 2.72:1 on the red.
    assert colour is not None and background is not None
    assert contrast(colour.replace("#fff", "#ffffff"), background) >= 4.5

"""core.admin_ui: PlainSelect writes the markup of Django's Select (its templates)."""

import pytest
from django import forms
from django.test import SimpleTestCase
from django.utils import translation

from core.admin_ui import PlainSelect
from core.member_states import CHOICES as MEMBER_STATES

CHOICES = [
    ("", "---------"),
    *MEMBER_STATES,  # groups of choices
    ('x<"&', "A & <b>bold</b>"),
    (None, "none"),
    (1, "one"),
    (1, "one again"),  # as Django: only the first match is selected
]


@pytest.mark.parametrize("language", ["en", "fr", "en"])  # en again: from the kept options
@pytest.mark.parametrize("value", ["", "GHA", "OTH", 'x<"&', None, 1, "1", "unknown"])
def test_plain_select_renders_as_django_select(value, language):
    attrs = {"id": "id_state", "required": False, "data-w-x": True, "class": "a<b"}
    with translation.override(language):
        expected = forms.Select(choices=CHOICES).render("state", value, attrs)
        actual = PlainSelect(choices=CHOICES).render("state", value, attrs)
    SimpleTestCase().assertHTMLEqual(actual, expected)
    assert "<b>" not in actual and "&lt;b&gt;" in actual
    assert ("Ghana" if language == "en" else "États Membres") in actual


def test_plain_select_keeps_no_options_of_other_choices():
    plain = PlainSelect(choices=[("a", "Alpha")]).render("x", "a")
    other = PlainSelect(choices=[("a", "Other")]).render("x", "a")
    assert "Alpha" in plain and "Other" in other and "Alpha" not in other

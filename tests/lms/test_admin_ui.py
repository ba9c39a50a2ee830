"""lms.admin_ui: PlainSelect writes the markup of Django's Select (its templates)."""

import pytest
from django import forms
from django.test import SimpleTestCase

from lms.admin_ui import PlainSelect
from lms.member_states import CHOICES as MEMBER_STATES

CHOICES = [
    ("", "---------"),
    *MEMBER_STATES,  # groups of choices
    ('x<"&', "A & <b>bold</b>"),
    (None, "none"),
    (1, "one"),
    (1, "one again"),  # as Django: only the first match is selected
]


@pytest.mark.parametrize("value", ["", "GHA", "OTH", 'x<"&', None, 1, "1", "unknown"])
def test_plain_select_renders_as_django_select(value):
    attrs = {"id": "id_state", "required": False, "data-w-x": True, "class": "a<b"}
    expected = forms.Select(choices=CHOICES).render("state", value, attrs)
    actual = PlainSelect(choices=CHOICES).render("state", value, attrs)
    SimpleTestCase().assertHTMLEqual(actual, expected)
    assert "<b>" not in actual and "&lt;b&gt;" in actual

"""Every page names its icon. Without one, a browser asks for /favicon.ico after each first
page: a 404 that costs a round trip on a slow line, and whose answer re-sends the CSRF cookie
the request carried — when it lands after a sign-in, it puts back the pre-sign-in token and
the next form is refused (seen in tests/browser/test_axe.py in CI)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["login", "courses:cycle_list", "certificates:verify"])
def test_every_page_names_a_static_icon_that_exists(client, name):
    html = client.get(reverse(name)).content.decode()
    found = re.search(r'<link rel="icon" href="/static/([^"]+)" type="image/svg\+xml">', html)
    assert found, "no <link rel=icon>"
    icon = finders.find(found.group(1))
    assert icon and open(icon, "rb").read().startswith(b"<svg")


def test_the_404_page_names_the_icon_too(client):
    assert b'rel="icon"' in client.get("/no-such-page/").content

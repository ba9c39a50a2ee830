"""Security headers: a Content-Security-Policy on the site's pages and the Wagtail admin
(django-csp), next to the HSTS and cookie settings of production."""

import pytest
from django.urls import reverse

from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_a_site_page_has_a_strict_policy(client, home_page):
    response = client.get(reverse("courses:cycle_list"))
    assert response.status_code == 200
    policy = _directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy.get("style-src", [])


def test_the_login_page_has_the_policy(client):
    response = client.get(reverse("login"))
    assert "script-src" in _directives(response)


def test_an_admin_page_has_a_policy_without_inline_scripts(client):
    client.force_login(AdministratorFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    policy = _directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]

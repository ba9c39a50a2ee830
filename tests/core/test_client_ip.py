"""One rule for the client's address: REMOTE_ADDR, or with N trusted proxies in front, the
Nth address from the right of X-Forwarded-For (the one the outermost trusted proxy saw)."""

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip


def _request(remote: str = "10.0.0.1", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # A client can put anything on the left; only what our proxies appended counts.
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, " 203.0.113.9 ,10.0.0.2 ", "203.0.113.9"),
    ],
)
def test_the_nth_address_from_the_right_with_n_trusted_proxies(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request("10.0.0.1", forwarded)) == expected


def test_a_request_that_did_not_pass_every_proxy_uses_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("10.0.0.1", "203.0.113.9")) == "10.0.0.1"
    assert client_ip(_request("10.0.0.1")) == "10.0.0.1"


def test_no_valid_address_is_none(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("10.0.0.1", "not-an-address")) is None
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("")) is None
    assert client_ip(_request("2001:db8::1")) == "2001:db8::1"

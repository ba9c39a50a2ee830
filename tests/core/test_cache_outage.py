"""A cache outage degrades the site, never breaks it (issue 19, decision 0008).

The drill starts its own `redis-server` on a free loopback port, points the cache at it the
way the production settings do (`core.cache.cache_from_url`), stops it, and asks every public
and learner page and POST: none answers 5xx. Then it starts the server again on the same
port and the pages use the cache once more."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from courses import services as courses_services
from tests.factories import PASSWORD, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway redis-server of the test's own: no file written, loopback only."""

    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            from tests.conftest import _missing

            _missing("redis-server is not installed (scripts/system-deps.sh test)")
        self.process = subprocess.Popen(  # noqa: S603 - Debian's binary, our arguments
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"redis-server did not listen on {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis():
    server = RedisServer(_free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cache_on(own_redis, settings):
    from core.cache import cache_from_url

    settings.CACHES = {"default": cache_from_url(f"rediscache://127.0.0.1:{own_redis.port}/0")}
    cache.clear()
    return own_redis


@pytest.fixture
def site(home_page):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2)
    cycle = CycleFactory(programme=programme, capacity=50, seminar_requirement="none")
    learner = LearnerFactory()
    courses_services.apply(learner=learner, cycle=cycle)
    lessons = list(programme.modules().first().lessons())
    return {
        "programme": programme,
        "cycle": cycle,
        "learner": learner,
        "lessons": lessons,
        "newcomer": LearnerFactory(),
        # Read while the cache works: Wagtail keeps its site roots there too.
        "programme_url": programme.url,
        "lesson_url": lessons[0].url,
    }


def _every_page(client, site) -> dict[str, int]:
    """{what: status} for every public and learner page and POST."""
    cycle, lesson = site["cycle"], site["lessons"][0]
    answers: dict[str, int] = {}
    anonymous = client.__class__(raise_request_exception=False)
    for what, url in {
        "home": "/",
        "programme": site["programme_url"],
        "cycles": reverse("courses:cycle_list"),
        "cycle": reverse("courses:cycle_detail", args=[cycle.code]),
        "calendar": reverse("seminars:cycle_calendar", args=[cycle.code]),
        "verification form": reverse("certificates:verify") + "?code=ABCD-EFGH-JKLM",
        "verification": reverse("certificates:verify_code", args=["ABCDEFGHJKLM"]),
        "sign-in form": reverse("login"),
        "reset form": reverse("password_reset"),
        "health": "/healthz",
    }.items():
        answers[what] = anonymous.get(url).status_code
    answers["reset"] = anonymous.post(
        reverse("password_reset"), {"email": site["learner"].email}
    ).status_code
    answers["sign-in"] = anonymous.post(
        reverse("login"), {"username": site["learner"].email, "password": PASSWORD}
    ).status_code
    answers["signed-in dashboard"] = anonymous.get(reverse("courses:my_learning")).status_code
    client.force_login(site["learner"])
    for what, url in {
        "dashboard": reverse("courses:my_learning"),
        "lesson": site["lesson_url"],
        "certificates": reverse("certificates:mine"),
    }.items():
        answers[what] = client.get(url).status_code
    answers["completion"] = client.post(
        reverse("courses:complete_lesson", args=[lesson.pk])
    ).status_code
    client.force_login(site["newcomer"])
    answers["apply"] = client.post(reverse("courses:apply", args=[cycle.code])).status_code
    return answers


@pytest.mark.postgres
@pytest.mark.redis
def test_every_page_answers_while_the_cache_is_down_and_uses_it_again_after(cache_on, site, client):
    # Signed in while the cache works: the session must survive the outage.
    client.force_login(site["learner"])
    assert client.get(reverse("courses:my_learning")).status_code == 200

    cache_on.stop()
    client.raise_request_exception = False  # a 500 is counted, not raised
    started = time.monotonic()
    down = _every_page(client, site)
    print("cache down:", down)
    assert {what: code for what, code in down.items() if code >= 500} == {}
    assert down["signed-in dashboard"] == 200  # signed in, session kept without the cache
    assert down["dashboard"] == down["lesson"] == 200
    assert time.monotonic() - started < 30  # a refused connection fails fast
    health = client.get("/healthz/services")
    assert health.status_code == 503
    assert health.json()["cache"]["ok"] is False
    assert health.json()["database"]["ok"] is True

    cache_on.start()
    cache.set("lms:drill", "back", 60)
    assert cache.get("lms:drill") == "back"
    again = _every_page(client, site)
    assert {what: code for what, code in again.items() if code >= 500} == {}
    # The outline and the permissions are cached again.
    assert any(key.startswith(b":1:lms:") for key in _keys(cache_on.port))
    assert client.get("/healthz/services").json()["cache"]["ok"] is True


def _keys(port: int) -> list[bytes]:
    import redis

    return redis.Redis(host="127.0.0.1", port=port).keys("*")


def test_a_redis_cache_url_gives_the_tolerant_backend_with_short_timeouts():
    from core.cache import cache_from_url

    config = cache_from_url("rediscache://127.0.0.1:6379/1")
    assert config["BACKEND"] == "core.cache.TolerantRedisCache"
    assert config["OPTIONS"]["socket_connect_timeout"] <= 1
    assert cache_from_url("locmemcache://")["BACKEND"].endswith("LocMemCache")


@pytest.mark.redis
def test_the_health_of_each_service_is_200_when_all_answer(client, cache_on):
    response = client.get(reverse("healthz_services"))
    assert response.status_code == 200
    assert response.json() == {
        "database": {"ok": True},
        "cache": {"ok": True},
        "broker": {"ok": True},
        "down": [],
    }
    assert str(cache_on.port) not in response.content.decode()


def test_the_health_report_names_a_broker_that_is_down_and_not_its_address(client, broker_down):
    response = client.get(reverse("healthz_services"))
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]
    assert response.json()["cache"] == response.json()["database"] == {"ok": True}
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.redis
def test_the_api_answers_while_the_cache_is_down_and_counts_again_after(cache_on, client, settings):
    """The token is read from the database on every request and the reader's scope is
    computed again; the per-token rate limit counts nothing and lets requests through
    (docs/api.md, decision 0008), and counts again once the cache is back."""
    from api import tokens
    from tests.factories import AdministratorFactory

    settings.API_RATE_LIMIT_PER_MINUTE = 2
    cycle = CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))
    courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    _row, clear = tokens.create_token(user=AdministratorFactory(), name="drill")

    def read() -> int:
        response = client.get(
            reverse("api:enrollments"), headers={"Authorization": f"Bearer {clear}"}
        )
        if response.status_code == 200:
            assert response.json()["count"] == 1
        return response.status_code

    assert read() == 200
    cache_on.stop()
    client.raise_request_exception = False  # a 500 is counted, not raised
    assert [read() for _ in range(4)] == [200] * 4  # over the limit, but nothing counts
    cache_on.start()
    statuses = [read() for _ in range(3)]
    if statuses[-1] == 200:  # the minute turned between two requests: once more
        statuses = [read() for _ in range(3)]
    assert statuses[-1] == 429

"""axe-core on the learner-facing and public pages that tests/browser/test_axe.py does not
visit, in English, French and Arabic, at desktop and phone widths: the password reset
pages, the invitation page, the 404 page, a valid certificate's verification, the seminar
choice and the calendar, the evaluation form, a module page with its download, the
decline confirmation, and the mission focal point's pages.

Left out as not learner-facing: the Wagtail admin screens (personal data, change
requests, rosters), which Wagtail's own accessibility work covers."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import invitations
from certificates import services as certificate_services
from core import languages
from courses import services
from evaluations.models import EvaluationForm
from missions import services as mission_services
from missions.models import MissionQuota
from tests.browser.axe import WIDTHS, violations
from tests.factories import (
    PASSWORD,
    AdministratorFactory,
    CycleFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.seminars.helpers import make_session

# Every language of settings.LANGUAGES with its files (languages.complete()): a language
# added there is checked here once the completeness test passes for it.
LANGUAGES = languages.complete()

STATE = "GHA"


def sign_in(page, url, user):
    page.goto(f"{url}{reverse('login')}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()


def visit(page, url, found, language, pages):
    for name, path, status in pages:
        response = page.goto(f"{url}{path}")
        assert response is not None and response.status == status, name
        assert page.locator("html").get_attribute("lang") == language, name
        found[name] = violations(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_other_learner_and_public_pages_have_no_axe_violations(
    live_server, axe_page, language, width
):
    learner = LearnerFactory(preferred_language=language, member_state=STATE)
    # A completed cycle: a certificate to verify and an evaluation to answer.
    done = ProgrammeFactory(n=1, modules=1, seminar=False, lessons=1)
    done_cycle = CycleFactory(programme=done, capacity=5, seminar_requirement="none")
    finished = services.apply(learner=learner, cycle=done_cycle)
    services.complete_lesson(learner=learner, lesson=done.modules()[0].lessons()[0])
    certificate = finished.certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    EvaluationForm.objects.create(
        programme=done,
        title="Your view",
        questions=[("rating", "How useful was the cycle?"), ("text", "What should change?")],
    )
    # A cycle with a seminar, being studied.
    seminar = ProgrammeFactory(n=2, modules=1, seminar=True, lessons=1)
    seminar_cycle = CycleFactory(programme=seminar, capacity=5, seminar_requirement="all")
    make_session(seminar_cycle, online=True, title="Geneva morning")
    make_session(seminar_cycle, days=12, title="Geneva afternoon")
    services.apply(learner=learner, cycle=seminar_cycle)
    # A full cycle whose freed seat is offered to the learner.
    offered = ProgrammeFactory(n=3, modules=1, seminar=False, lessons=1)
    offered_cycle = CycleFactory(programme=offered, capacity=1, seminar_requirement="none")
    other = LearnerFactory()
    taken = services.apply(learner=other, cycle=offered_cycle)
    offer = services.apply(learner=learner, cycle=offered_cycle)
    services.withdraw(enrollment=taken, by=other)
    # A mission focal point of the learner's Member State, and an invited newcomer.
    focal = UserFactory(member_state=STATE, preferred_language=language)
    mission_services.appoint(user=focal, member_state=STATE, by=AdministratorFactory())
    MissionQuota.objects.create(cycle=seminar_cycle, member_state=STATE, quota=3)
    _, token = invitations.invite(user=LearnerFactory(preferred_language=language))

    page = axe_page(language, WIDTHS[width])
    url = live_server.url
    uid = urlsafe_base64_encode(force_bytes(learner.pk))
    reset = default_token_generator.make_token(learner)
    found: dict[str, list[str]] = {}
    visit(
        page,
        url,
        found,
        language,
        [
            ("password reset", reverse("password_reset"), 200),
            ("password reset sent", reverse("password_reset_done"), 200),
            ("new password", reverse("password_reset_confirm", args=[uid, reset]), 200),
            (
                "stale reset link",
                reverse("password_reset_confirm", args=[uid, "made-up-token"]),
                200,
            ),
            ("password changed", reverse("password_reset_complete"), 200),
            ("invitation", reverse("invitation", args=[token]), 200),
            ("unknown invitation", reverse("invitation", args=["made-up"]), 404),
            ("page not found", "/no-such-page/", 404),
            (
                "valid certificate",
                reverse("certificates:verify_code", args=[certificate.code]),
                200,
            ),
        ],
    )
    sign_in(page, url, learner)
    visit(
        page,
        url,
        found,
        language,
        [
            ("dashboard with an offer", reverse("courses:my_learning"), 200),
            ("decline", reverse("courses:decline_offer", args=[offer.pk]), 200),
            ("seminar sessions", reverse("seminars:choose", args=[seminar_cycle.code]), 200),
            ("my calendar", reverse("seminars:my_calendar"), 200),
            ("evaluation", reverse("evaluations:answer", args=[finished.pk]), 200),
            ("module with download", seminar.modules()[0].url, 200),
            ("certificates with one", reverse("certificates:mine"), 200),
        ],
    )
    page.context.clear_cookies()
    sign_in(page, url, focal)
    visit(
        page,
        url,
        found,
        language,
        [
            ("mission", reverse("missions:home"), 200),
            ("mission diplomat", reverse("missions:diplomat", args=[learner.pk]), 200),
            (
                "nomination",
                reverse("missions:nominate", args=[seminar_cycle.code]),
                200,
            ),
        ],
    )
    assert {name: v for name, v in found.items() if v} == {}

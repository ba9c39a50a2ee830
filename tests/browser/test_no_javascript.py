"""The learner flows that the other browser tests do not already run without JavaScript
(issue 11: "every learner flow works with JavaScript disabled"): declining an offered seat,
switching the interface language, finding and saving the profile, asking an administrator
to change the rank, and downloading a module for offline reading.

Covered elsewhere with JavaScript off: applying, joining the waitlist, confirming an offer
and withdrawing (test_enrollment_flow.py); lessons, knowledge checks and the certificate
download (test_learning_flow.py); choosing a seminar session, the calendar and the
evaluation form (test_seminar_flow.py)."""

import pytest
from playwright.sync_api import expect

from accounts.models import ProfileChangeRequest, Rank
from courses import services
from courses.models import Enrollment, EnrollmentEvent
from tests.browser.helpers import sign_in
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

S = Enrollment.Status


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_decline_language_profile_and_module_download_work_without_javascript(
    live_server, new_page
):
    programme = ProgrammeFactory(n=1, modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=1, seminar_requirement="none")
    seated, offered = LearnerFactory(), LearnerFactory(rank=Rank.FIRST_SECRETARY)
    first = services.apply(learner=seated, cycle=cycle)
    mine = services.apply(learner=offered, cycle=cycle)
    url = live_server.url

    # A seated learner takes a module away as a PDF, from a plain link.
    module = programme.modules()[0]
    reader = new_page(java_script_enabled=False)
    sign_in(reader, url, user=seated, next_path=module.url)
    with reader.expect_download() as download_info:
        reader.get_by_role("link", name="Download this module").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    services.withdraw(enrollment=first, by=seated)
    mine.refresh_from_db()
    assert mine.status == S.OFFERED
    page = new_page(java_script_enabled=False)
    sign_in(page, url, user=offered, next_path="/my/")
    card = page.locator(f"#enrollment-{mine.pk}")
    expect(card.locator(".badge").first).to_have_text("Offered a seat")

    # Declining: a confirmation page, then a plain form post.
    card.get_by_role("link", name="Decline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Decline your seat in {cycle.code}?")
    page.get_by_role("button", name="Yes, decline the seat").click()
    expect(page).to_have_url(f"{url}/my/")
    expect(page.get_by_role("status")).to_contain_text(
        f"You declined the seat in {cycle.code}; it has gone to the next learner."
    )
    mine.refresh_from_db()
    assert mine.status == S.WITHDRAWN
    assert mine.events.filter(action=EnrollmentEvent.Action.DECLINED).exists()

    # The language switcher is a form with its own button: no script needed. The choice
    # is remembered on the profile.
    page.get_by_label("Language").select_option("fr")
    page.locator("form.lang button[type=submit]").click()
    expect(page).to_have_url(f"{url}/my/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma formation")
    offered.refresh_from_db()
    assert offered.preferred_language == "fr"

    # The profile, reached from the header: the name is saved at once, the rank is asked for.
    page.get_by_role("link", name="Votre profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre profil")
    page.get_by_label("Prénom").fill("Amina")
    page.get_by_label("Langue préférée").select_option("en")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    offered.refresh_from_db()
    assert (offered.first_name, offered.preferred_language) == ("Amina", "en")

    page.get_by_label("Title or rank").select_option(Rank.COUNSELLOR)
    page.get_by_label("Note for the administrator").fill("Promoted in March.")
    page.get_by_role("button", name="Ask an administrator to change them").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Your request has been sent to an administrator."
    )
    request = ProfileChangeRequest.objects.get(user=offered)
    assert (request.rank, request.status) == (Rank.COUNSELLOR, "pending")
    offered.refresh_from_db()
    assert offered.rank == Rank.FIRST_SECRETARY  # unchanged until an administrator decides

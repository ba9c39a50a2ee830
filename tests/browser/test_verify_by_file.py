"""A ministry's officer uploads a certificate PDF on /verify/file/ in a real browser: the
signed file is intact and valid; once revoked, the same file reads revoked; a tampered
copy reads altered. No JavaScript is needed (a plain multipart form)."""

import pytest
from django.urls import reverse

from certificates import services
from courses import services as course_services
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_checks_intact_revoked_and_tampered_files(browser, live_server, tmp_path):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    enrollment = course_services.apply(learner=learner, cycle=cycle)
    course_services.complete_lesson(
        learner=learner, lesson=programme.modules().first().lessons().first()
    )
    certificate = enrollment.certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    genuine = tmp_path / "certificate.pdf"
    genuine.write_bytes(data)
    tampered = tmp_path / "tampered.pdf"
    changed = bytearray(data)
    changed[data.index(b"/Contents <") // 2] ^= 0x01
    tampered.write_bytes(bytes(changed))

    context = browser.new_context(locale="en", java_script_enabled=False)
    page = context.new_page()

    def check(path) -> str:
        page.goto(live_server.url + reverse("certificates:verify_file"))
        page.set_input_files("#id_file", str(path))
        page.click("form.stacked button[type=submit]")
        page.wait_for_load_state()
        return page.locator("main").inner_text()

    try:
        text = check(genuine)
        assert "The signature is intact and is UNITAR" in text
        assert "This certificate is valid." in text
        assert check(tampered).count("The file was changed after it was signed") == 1
        admin = AdministratorFactory()
        services.revoke(certificate=certificate, reason="Issued in error", by=admin)
        text = check(genuine)
        assert "This certificate has been revoked" in text and "Issued in error" in text
    finally:
        context.close()

"""Certificate template bodies accept only the documented placeholders, and the PDF reads only
the certificate's own assets and images.

`str.format` on an author's text is a small language: `{name:>10000000}` pads to ten million
characters (the render never ends) and `{name.__class__.__mro__}` prints Python internals.
"""

import io
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader
from wagtail.test.utils.form_data import querydict_from_html

from certificates import rendering, services
from certificates.models import CertificateTemplate
from certificates.templating import fill_placeholders
from tests.certificates.test_rendering import make_content
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db

ATTACKS = {
    "padding": "Awarded to {name:>10000000}.",
    "attribute": "Awarded to {name.__class__.__mro__}.",
    "index": "Awarded to {name[0]}.",
    "conversion": "Awarded to {name!r}.",
    "positional": "Awarded to {}.",
    "unknown": "Awarded to {nom}.",
    "unclosed": "Awarded to {name.",
    "nested": "Awarded to {name:{start}}.",
}
VALUES = {
    "name": "Kwame Mensah",
    "programme": "PATIT",
    "cycle": "Spring",
    "start": "2 March",
    "end": "29 May",
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_the_model_refuses_anything_but_the_plain_placeholders(small_programme, attack):
    template = CertificateTemplate(
        programme=small_programme, language="en", title="T", body=ATTACKS[attack]
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "body" in error.value.message_dict
    assert "{name}, {programme}, {cycle}, {start}, {end}" in str(error.value)


def test_the_documented_placeholders_and_escaped_braces_are_accepted(small_programme):
    body = "{name} completed {programme}, {cycle}, from {start} to {end} {{sic}}."
    CertificateTemplate(programme=small_programme, language="en", title="T", body=body).full_clean()
    assert fill_placeholders(body, **VALUES) == (
        "Kwame Mensah completed PATIT, Spring, from 2 March to 29 May {sic}."
    )


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_filling_never_evaluates_an_attack(attack):
    started = time.monotonic()
    text = fill_placeholders(ATTACKS[attack], **VALUES)
    assert time.monotonic() - started < 0.1
    assert len(text) < 200
    assert "class" not in text.replace("__class__", "") and "<" not in text


def test_the_admin_form_refuses_both_attacks_and_saves_nothing(client, small_programme):
    client.force_login(AdministratorFactory(is_superuser=True))
    url = reverse("wagtailsnippets_certificates_certificatetemplate:add")
    page = client.get(url).content.decode()
    for body in (ATTACKS["padding"], ATTACKS["attribute"]):
        data = querydict_from_html(page, form_id="w-editor-form").copy()
        data.update(
            {
                "programme": str(small_programme.pk),
                "language": "en",
                "title": "T",
                "body": body,
                "signatories-count": "0",
            }
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Only these placeholders may be used" in response.content.decode()
    assert not CertificateTemplate.objects.exists()
    # The same form saves a plain template (the form data above was complete).
    data["body"] = "Awarded to {name}."
    assert client.post(url, data).status_code == 302
    assert CertificateTemplate.objects.get().body == "Awarded to {name}."


def test_a_template_saved_without_validation_neither_hangs_nor_leaks(complete, small_programme):
    # Saved around clean() (a data migration, the shell): rendering must still be safe.
    CertificateTemplate.objects.create(
        programme=small_programme,
        language="en",
        title="Certificate",
        body=f"{ATTACKS['attribute']} {ATTACKS['padding']} {ATTACKS['conversion']} {{name}}",
    )
    enrollment = complete(first_name="Kwame", last_name="Mensah")
    certificate = enrollment.certificates.get()
    started = time.monotonic()
    assert services.render_certificate(certificate_id=certificate.pk) is True
    assert time.monotonic() - started < 30
    certificate.refresh_from_db()
    pdf = PdfReader(io.BytesIO(certificate.pdf.read()))
    text = " ".join(page.extract_text() for page in pdf.pages).replace("\n", " ")
    assert "Kwame Mensah" in text  # the plain placeholder is filled
    assert "mro" in text and "<class" not in text and "object" not in text
    assert len(pdf.pages) == 1


# --- The URL fetcher ----------------------------------------------------------------------------


def test_the_fetcher_refuses_project_files_that_are_not_certificate_assets():
    fetcher = rendering.make_url_fetcher()
    for path in (
        settings.BASE_DIR / "db.sqlite3",
        settings.BASE_DIR / "pyproject.toml",
        settings.BASE_DIR / "config" / "settings" / "base.py",
    ):
        with pytest.raises(rendering.URLRefused):
            fetcher(path.as_uri())
    assert b"<svg" in fetcher(rendering.DEFAULT_LOGO_PATH.as_uri()).read()


def test_a_logo_pointing_at_another_project_file_stops_the_render():
    content = make_content("en", logo_path=str(settings.BASE_DIR / "pyproject.toml"))
    with pytest.raises(rendering.RenderingError, match="may not read"):
        rendering.render_pdf(content)


def test_only_the_images_the_certificate_names_are_read_from_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    signature = tmp_path / "original_images" / "signature.svg"
    other = tmp_path / "certificates" / "PATIT-2026-1-0001.pdf"
    for path in (signature, other):
        path.parent.mkdir(parents=True)
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
    content = make_content("en", signatories=[("A. Signer", "Director", str(signature))])
    fetcher = rendering.make_url_fetcher(content)
    assert fetcher(signature.as_uri()).read().startswith(b"<svg")
    with pytest.raises(rendering.URLRefused):
        fetcher(other.as_uri())
    # A relative URL resolves against the project directory: refused too.
    with pytest.raises(rendering.URLRefused):
        fetcher((settings.BASE_DIR / "manage.py").as_uri())

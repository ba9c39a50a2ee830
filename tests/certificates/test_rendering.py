"""Certificate rendering: real PDFs read back with pypdf, in English, French and Arabic.

No database: rendering.py is fed a CertificateContent directly.
"""

import dataclasses
import datetime
import io
import socket
import unicodedata

import pypdf
import pytest

from certificates import rendering
from certificates.rendering import CertificateContent

D = datetime.date
CODE = "K7QF-9XM2-TR4H-W8NC-3PZD"
VERIFY_URL = f"https://lms.example.org/verify/{CODE}/"

NAMES = {"en": "Amina Okonkwo-Reyes", "fr": "Hélène Côté-Lefèvre", "ar": "ليلى حداد"}
TEXTS = {
    "en": (
        "Certificate of completion",
        "has successfully completed the programme.",
        ["Module 1: Computer know-how", "Module 2: E-mail and the Internet", "Seminar"],
    ),
    "fr": (
        "Certificat de réussite",
        "a suivi avec succès le programme.",
        ["Module 1 : Informatique", "Module 2 : Messagerie", "Séminaire"],
    ),
    "ar": (
        "شهادة إتمام",
        "قد أتمّت البرنامج بنجاح.",
        ["الوحدة 1: أساسيات الحاسوب", "الوحدة 2: البريد الإلكتروني", "الحلقة الدراسية"],
    ),
}


def make_content(lang: str, **changes) -> CertificateContent:
    title, body, items = TEXTS[lang]
    content = CertificateContent(
        language=lang,
        learner_name=NAMES[lang],
        programme_title="Policy and Training Programme for Ambassadors and Diplomats",
        cycle_title="Spring cycle 2026",
        cycle_code="PATIT-2026-3",
        starts_on=D(2026, 3, 2),
        ends_on=D(2026, 5, 29),
        completed_items=items,
        serial="PATIT-2026-3-0007",
        verification_code=CODE,
        verify_url=VERIFY_URL,
        issued_on=D(2026, 6, 1),
        title=title,
        body=body,
        signatories=[("Elena Markovic", "Executive Director", None)],
        logo_path=None,
    )
    return dataclasses.replace(content, **changes)


@pytest.fixture(scope="module")
def pdfs():
    """One real render per language, shared by the tests that only read it."""
    return {language: rendering.render_pdf(make_content(language)) for language in NAMES}


def page_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def fonts_in(resources, seen=None):
    """Every font dictionary used by the page, including those inside form XObjects (the
    SVG logo is drawn as one)."""
    seen = set() if seen is None else seen
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject_ref in (resources.get("/XObject") or {}).values():
        xobject = xobject_ref.get_object()
        if id(xobject) in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(id(xobject))
        yield from fonts_in(xobject.get("/Resources"), seen)


def font_descriptor(font):
    if font.get("/Subtype") == "/Type0":
        return font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    return font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_pdf_has_the_name_serial_and_code_on_one_a4_landscape_page(pdfs, language):
    reader = pypdf.PdfReader(io.BytesIO(pdfs[language]))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape

    text = page_text(pdfs[language])
    # Whitespace is normalised, nothing else: no NFKC. WeasyPrint's ToUnicode maps each
    # shaped Arabic glyph back to the characters of its cluster (so no presentation forms
    # come out), and pypdf puts right-to-left runs back in logical order. The assertion on
    # the Arabic name is therefore on the exact string the learner gave.
    assert NAMES[language] in text
    assert "PATIT-2026-3-0007" in text
    assert CODE in text


def test_arabic_name_comes_out_in_logical_order_not_reversed_nor_as_presentation_forms(pdfs):
    text = page_text(pdfs["ar"])
    assert "ليلى حداد" in text
    assert "ليلى حداد"[::-1] not in text
    assert not any(0xFB50 <= ord(ch) <= 0xFEFF for ch in text)  # Arabic presentation forms
    assert unicodedata.normalize("NFKC", text) == text


def test_french_accents_survive_extraction(pdfs):
    text = page_text(pdfs["fr"])
    assert "Hélène Côté-Lefèvre" in text
    assert "Certificat de réussite" in text
    assert "1er juin 2026" in text
    assert "Code de vérification" in text


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_pdf_claims_pdf_a_3a_and_pdf_ua_1_with_its_language_and_title_shown(pdfs, language):
    reader = pypdf.PdfReader(io.BytesIO(pdfs[language]))
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    assert 'pdfuaid:part="1"' in xmp
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 - a PDF boolean
    assert "/StructTreeRoot" in root
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_font_is_embedded_and_small(pdfs, language):
    reader = pypdf.PdfReader(io.BytesIO(pdfs[language]))
    fonts = list(fonts_in(reader.pages[0]["/Resources"]))
    assert fonts
    for font in fonts:
        descriptor = font_descriptor(font)
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    names = " ".join(str(font["/BaseFont"]) for font in fonts)
    assert "Noto" in names
    if language == "ar":
        assert "Noto-Naskh-Arabic" in names
    assert len(pdfs[language]) < 100_000


def test_html_is_right_to_left_for_arabic_with_an_svg_qr_code_that_has_alt_text():
    html = rendering.render_html(make_content("ar"))
    assert '<html lang="ar" dir="rtl">' in html
    assert f'src="{rendering.qr_data_uri(VERIFY_URL)}"' in html
    assert f'alt="رمز QR يؤدي إلى صفحة التحقق {VERIFY_URL}"' in html
    assert 'alt="شعار معهد الأمم المتحدة للتدريب والبحث"' in html
    assert "رمز التحقق" in html  # "Verification code"
    assert "2 آذار/مارس 2026" in html
    assert "<img" in html and "unitar-logo.svg" in html
    # The cycle code sits in Unicode isolates so its brackets do not reorder the sentence.
    assert "\u2068PATIT-2026-3\u2069" in html


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Verify at", "Verification code", "Serial", "from 2 March 2026 to 29 May 2026"]),
        ("fr", ["Vérifier sur", "Numéro de série", "du 2 mars 2026 au 29 mai 2026"]),
    ],
)
def test_html_is_left_to_right_with_labels_in_the_language(language, labels):
    html = rendering.render_html(make_content(language))
    assert f'<html lang="{language}" dir="ltr">' in html
    assert '<img src="data:image/svg+xml' in html
    for label in labels:
        assert label in html


def test_html_escapes_what_people_typed():
    html = rendering.render_html(make_content("en", learner_name="<script>x</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_title_falls_back_to_the_language_default():
    html = rendering.render_html(make_content("fr", title=""))
    assert "Certificat de réussite" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://example.org/logo.svg",
        "ftp://example.org/x",
        "file://example.org/etc/passwd",
        "file:///etc/passwd",
    ],
)
def test_url_fetcher_refuses_the_network_and_files_outside_the_project(url):
    fetcher = rendering.make_url_fetcher()
    with pytest.raises(rendering.URLRefused):
        fetcher(url)


def test_url_fetcher_serves_project_files_and_data_uris():
    fetcher = rendering.make_url_fetcher()
    logo = fetcher(rendering.DEFAULT_LOGO_PATH.as_uri())
    assert logo.content_type == "image/svg+xml"
    assert b"<svg" in logo.read()
    assert fetcher("data:text/plain;base64,UEFUSVQ=").read() == b"PATIT"


def test_a_signature_outside_the_allowed_directories_stops_the_render(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    outside = tmp_path / "signature.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
    content = make_content("en", signatories=[("A. Signer", "Director", str(outside))])
    # An ordinary Exception (WeasyPrint's own is a BaseException), naming the file.
    with pytest.raises(rendering.RenderingError, match="may not read it"):
        rendering.render_pdf(content)


def test_a_missing_logo_stops_the_render_with_a_clear_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    content = make_content("fr", logo_path=str(tmp_path / "gone.svg"))
    with pytest.raises(rendering.RenderingError, match="gone.svg"):
        rendering.render_pdf(content)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_signature_from_media_root_is_fetched_and_drawn(
    settings, tmp_path, monkeypatch, language
):
    settings.MEDIA_ROOT = str(tmp_path)
    signature = tmp_path / "signatures" / "markovic.svg"
    signature.parent.mkdir()
    signature.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
        '<path d="M5 30C20 5 25 35 35 20S50 5 55 25" fill="none" stroke="#000"/></svg>'
    )
    fetched = []
    real_fetch = rendering.LocalURLFetcher.fetch

    def recording_fetch(self, url, headers=None):
        response = real_fetch(self, url, headers)
        fetched.append(url)
        return response

    monkeypatch.setattr(rendering.LocalURLFetcher, "fetch", recording_fetch)
    # Only a viewBox, no width or height: the SVG has no intrinsic size (this used to crash
    # WeasyPrint's layout on right-to-left pages).
    content = make_content(language, signatories=[("Elena Markovic", "Director", signature)] * 3)
    pdf = rendering.render_pdf(content)

    assert signature.as_uri() in fetched
    assert rendering.DEFAULT_LOGO_PATH.as_uri() in fetched
    assert "Elena Markovic" in page_text(pdf)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1


def test_render_pdf_opens_no_socket(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("rendering tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert rendering.render_pdf(make_content("ar")).startswith(b"%PDF-")


def test_the_stylesheet_and_font_configuration_are_built_once_per_process():
    rendering.render_pdf(make_content("en"))
    first = rendering._stylesheet()
    rendering.render_pdf(make_content("fr"))
    assert rendering._stylesheet() is first


def test_bare_render_is_plain_weasyprint_without_pdf_a():
    pdf = rendering.bare_render_pdf(rendering.render_html(make_content("en")))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert NAMES["en"] in page_text(pdf)
    assert "/OutputIntents" not in reader.trailer["/Root"]


def test_unknown_language_is_a_clear_error():
    from core.languages import LanguageMissing

    with pytest.raises(LanguageMissing, match="'de' is not one of the site's languages"):
        rendering.render_html(make_content("en", language="de"))


def test_a_worker_process_warms_the_renderer_before_its_first_certificate():
    """worker_process_init runs the warm-up: the stylesheet is parsed and the fonts loaded,
    so the first learner's certificate does not pay for them."""
    from celery.signals import worker_process_init

    from certificates import rendering, tasks  # tasks: imported by the worker's autodiscovery

    assert tasks.warm_up_renderer in [r() for _, r in worker_process_init.receivers]
    rendering._stylesheets.clear()
    worker_process_init.send(sender=None)
    assert rendering.STYLESHEET_PATH in rendering._stylesheets

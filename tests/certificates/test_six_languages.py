"""Certificates and module PDFs in every language of settings.LANGUAGES (the six official
languages of the United Nations): the learner's name and the programme's title read back from
the PDF, fonts embedded as subsets, within the size budgets; a Chinese and an Arabic name on
one certificate; and a seventh language added for a test fails only where a language is
checked for what it needs (decision 0010)."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from certificates import rendering
from certificates.offline import module_pdf_bytes
from cms.builders import build_translation
from core import languages
from core.dates import format_date
from tests.certificates.language_samples import SAMPLES, certificate_content
from tests.factories import ProgrammeFactory

CODES = [code for code, _name in settings.LANGUAGES]
# The languages with all their files: the ones rendered below. A language that lacks one
# fails the completeness test (tests/core/test_translations.py), which names the file,
# rather than every test here with a KeyError.
COMPLETE = languages.complete()
CERTIFICATE_BUDGET = 150 * 1024
MODULE_BUDGET = 400 * 1024


def squeeze(text: str) -> str:
    return "".join(text.split())


def read_back(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return squeeze("".join(page.extract_text() for page in reader.pages))


def font_names(pdf: bytes) -> set[str]:
    """The BaseFont of every font the PDF embeds."""
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def assert_in_pdf(text: str, pdf_text: str, language: str) -> None:
    if languages.is_rtl(language):
        # Right-to-left runs come back in visual order: each word is there.
        for word in text.split():
            assert squeeze(word) in pdf_text, word
    else:
        assert squeeze(text) in pdf_text


def test_the_six_languages_are_the_united_nations_official_languages():
    assert {"ar", "en", "es", "fr", "ru", "zh-hans"} <= set(CODES)
    assert [code for code in CODES if languages.is_rtl(code)] == ["ar"]
    assert languages.get("zh-hans").native_name == "简体中文"
    assert languages.get("zh-hans").locale_dir == "zh_Hans"


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("zh_Hans", "zh-hans"),
        ("ZH-Hans", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh-CN", "zh-hans"),
        ("fr-CA", "fr"),
        ("ar_EG", "ar"),
        ("es-419", "es"),
        ("ru", "ru"),
        ("de", None),
        ("", None),
    ],
)
def test_a_language_code_is_normalised(spelling, code):
    assert languages.normalise(spelling) == code


def test_a_date_in_each_language():
    day = datetime.date(2026, 3, 1)
    assert [format_date(day, code) for code in ("es", "ru", "zh-hans", "zh_Hans")] == [
        "1 de marzo de 2026",
        "1 марта 2026 года",
        "2026年3月1日",
        "2026年3月1日",
    ]


@pytest.fixture(scope="module")
def certificates():
    return {code: rendering.render_pdf(certificate_content(code)) for code in COMPLETE}


@pytest.mark.parametrize("language", COMPLETE)
def test_a_certificate_in_each_language(certificates, language):
    """Its name and programme title read back; every font a subset (ABCDEF+Name) and the
    PDF within the budget."""
    pdf = certificates[language]
    name, programme, _module, _text = SAMPLES[language]
    text = read_back(pdf)
    assert_in_pdf(name, text, language)
    assert_in_pdf(programme, text, language)
    assert len(pdf) <= CERTIFICATE_BUDGET, f"{language}: {len(pdf) // 1024} KB"
    fonts = font_names(pdf)
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+.+", font) for font in fonts), fonts
    if language == "zh-hans":
        assert any("PATIT-Serif-SC" in font for font in fonts), fonts  # not Noto CJK JP
        assert not any("CJK" in font for font in fonts), fonts


def test_chinese_and_arabic_names_on_one_certificate():
    """An Arabic certificate for a learner whose name is written in Chinese and Arabic: both
    scripts print with their own font, not as empty boxes."""
    name = "王丽华 ليلى حداد"
    pdf = rendering.render_pdf(certificate_content("ar", name=name))
    text = read_back(pdf)
    assert "王丽华" in text
    assert "ليلى" in text and "حداد" in text
    fonts = font_names(pdf)
    assert any("PATIT-Serif-SC" in font for font in fonts), fonts
    assert any("Naskh" in font for font in fonts), fonts
    html = rendering.render_html(certificate_content("ar", name=name))
    assert '<html lang="ar" dir="rtl">' in html


def module_data(language: str) -> dict:
    _name, programme, module, text = SAMPLES[language]
    return {
        "title": programme,
        "modules": [
            {
                "slug": "module-1",
                "title": module,
                "lessons": [
                    {
                        "slug": "lesson-1",
                        "title": module,
                        "body": [{"type": "rich_text", "value": f"<p>{text}</p>" * 40}],
                    },
                    {
                        "slug": "lesson-2",
                        "title": module,
                        "body": [{"type": "rich_text", "value": f"<p>{text}</p>" * 40}],
                    },
                ],
            }
        ],
    }


@pytest.mark.django_db
def test_a_module_pdf_in_each_language():
    """The module's PDF in each language prints the translated programme and module titles
    and the lesson text, within the budget."""
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2)
    for code in COMPLETE:
        if code != settings.LANGUAGE_CODE:
            build_translation(programme, code, module_data(code))
    module = programme.modules().first()
    for code in COMPLETE:
        _name, title, module_title, lesson = SAMPLES[code]
        pdf = module_pdf_bytes(module=module, language=code)
        text = read_back(pdf)
        if code != settings.LANGUAGE_CODE:
            assert_in_pdf(title, text, code)
            assert_in_pdf(module_title, text, code)
            assert_in_pdf(lesson, text, code)
        assert len(pdf) <= MODULE_BUDGET, f"{code}: {len(pdf) // 1024} KB"
        fonts = font_names(pdf)
        assert all(re.fullmatch(r"/[A-Z]{6}\+.+", font) for font in fonts), fonts


# --- A seventh language ------------------------------------------------------------------


# A language Django knows that the site has not (Portuguese, unless a run of the suite added
# it with LMS_EXTRA_TEST_LANGUAGE: then Italian), without a catalogue.
NEW = next(code for code in ("pt", "it", "de") if code not in CODES)
NEW_NAME, NEW_NATIVE = LANG_INFO[NEW]["name"], LANG_INFO[NEW]["name_local"]
SEVEN = [*settings.LANGUAGES, (NEW, NEW_NAME)]


@override_settings(LANGUAGES=SEVEN)
def test_a_seventh_language_lacks_its_files_and_says_which():
    """A language added to settings alone: `require` names its missing catalogue, date
    format and certificate wording (what the completeness test runs for every language)."""
    lacking = languages.missing(NEW)
    assert [line.split(":")[0] for line in lacking] == [
        "catalogue",
        "date format",
        "certificate wording",
    ]
    with pytest.raises(
        languages.LanguageMissing, match=f"'{NEW}' \\({NEW_NAME}\\) lacks catalogue"
    ):
        languages.require(NEW)
    assert languages.get(NEW).native_name == NEW_NATIVE
    # The site's languages keep their date formats and wordings (their catalogues are
    # checked by tests/core/test_translations.py).
    assert [
        line
        for code in COMPLETE
        for line in languages.missing(code)
        if not line.startswith("catalogue")
    ] == []


@override_settings(LANGUAGES=SEVEN)
def test_a_seventh_language_without_wording_never_prints_an_english_certificate():
    content = certificate_content("en")
    with pytest.raises(languages.LanguageMissing, match=f"No certificate wording for .*'{NEW}'"):
        rendering.render_html(content.__class__(**{**content.__dict__, "language": NEW}))
    with pytest.raises(languages.LanguageMissing, match=f"No date format for .*'{NEW}'"):
        format_date(datetime.date(2026, 3, 1), NEW)


@pytest.mark.django_db
@override_settings(LANGUAGES=SEVEN)
def test_a_seventh_language_appears_in_the_switcher_and_the_rest_still_works(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{NEW}" lang="{NEW}">{NEW_NATIVE}</option>' in page
    for code in CODES:
        assert f'<option value="{code}" lang="{code}"' in page
    assert format_date(datetime.date(2026, 3, 1), "fr") == "1er mars 2026"


def test_the_six_switcher_options(client, db, home_page):
    response = client.get(reverse("profile"), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    for code in CODES:
        native = languages.get(code).native_name
        assert f'lang="{code}"' in page and native in page, code


# --- Through the services ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_learner_of_each_language_gets_a_certificate_in_it(complete, small_programme):
    """Completion issues the certificate in the learner's preferred language with the
    programme's published title in it; the stored PDF reads back their name and that title."""
    from certificates import services
    from certificates.models import Certificate

    for code in COMPLETE:
        if code != settings.LANGUAGE_CODE:
            build_translation(small_programme, code, {"title": SAMPLES[code][1]})
    for code in COMPLETE:
        name = SAMPLES[code][0]
        enrollment = complete(preferred_language=code, certificate_name=name)
        certificate = enrollment.certificates.get()
        assert certificate.language == code
        assert services.render_certificate(certificate_id=certificate.pk) is True
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.ISSUED
        with certificate.pdf.open("rb") as handle:
            text = read_back(handle.read())
        expected_title = SAMPLES[code][1] if code != settings.LANGUAGE_CODE else None
        assert_in_pdf(name, text, code)
        if expected_title:
            assert_in_pdf(expected_title, text, code)


def test_a_wording_file_without_a_label_says_which(settings, tmp_path, monkeypatch):
    """A language's wording that lacks a label is refused by name before any render."""
    import json

    from certificates import wording
    from core.languages import LanguageMissing

    words = json.loads((wording.WORDING_DIR / "fr.json").read_text(encoding="utf-8"))
    del words["labels"]["qr_alt"]
    (tmp_path / "fr.json").write_text(json.dumps(words), encoding="utf-8")
    monkeypatch.setattr(wording, "WORDING_DIR", tmp_path)
    with pytest.raises(LanguageMissing, match="qr_alt"):
        wording.labels_for("fr")

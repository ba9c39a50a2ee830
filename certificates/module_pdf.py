"""A module's lessons as one PDF for reading offline ("Download this module").

The second WeasyPrint entry point (module PDFs and learner records), beside `rendering.py`
(house style keeps the heavy library behind these two modules): the same local-only URL
fetcher (no network, files under the project and MEDIA_ROOT only) and Debian's Noto fonts,
A4 portrait. It renders what it is
given, in the active language; `services.module_pdf` chooses the pages and the versions.
Knowledge-check questions and their choices are printed, never which answer is right.
"""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration

from core import languages

from . import pdf_profile
from .rendering import PROJECT_DIR, make_url_fetcher, parsed_stylesheet

TEMPLATE_NAME = "certificates/pdf/module.html"
STYLESHEET_PATH = PROJECT_DIR / "certificates" / "templates" / "certificates" / "pdf" / "module.css"


def _stylesheet() -> tuple[list[weasyprint.CSS], FontConfiguration]:
    return parsed_stylesheet(STYLESHEET_PATH)


def render_html(*, language: str, programme, module, lessons, label: str) -> str:
    return render_to_string(
        TEMPLATE_NAME,
        {
            "lang": language,
            "dir": "rtl" if languages.is_rtl(language) else "ltr",
            "programme": programme,
            "module": module,
            "lessons": lessons,
            "label": label,
        },
    )


def render_pdf(**content) -> bytes:
    """The module as tagged PDF/A-3a and PDF/UA-1 bytes (`pdf_profile.py`; fonts subset
    and embedded)."""
    stylesheets, font_config = _stylesheet()
    document = weasyprint.HTML(
        string=render_html(**content),
        base_url=PROJECT_DIR.as_uri() + "/",
        url_fetcher=make_url_fetcher(),
    )
    return document.write_pdf(
        stylesheets=stylesheets, font_config=font_config, **pdf_profile.write_options()
    )


RECORD_TEMPLATE_NAME = "certificates/pdf/record.html"


def render_record_pdf(context: dict, *, language: str) -> bytes:
    """A learner record (services/records.py) as tagged PDF/A-3a and PDF/UA-1 bytes, A4
    portrait with the module PDF's stylesheet. Rendered in the active language."""
    stylesheets, font_config = _stylesheet()
    html = render_to_string(
        RECORD_TEMPLATE_NAME,
        {**context, "lang": language, "dir": "rtl" if languages.is_rtl(language) else "ltr"},
    )
    document = weasyprint.HTML(
        string=html, base_url=PROJECT_DIR.as_uri() + "/", url_fetcher=make_url_fetcher()
    )
    return document.write_pdf(
        stylesheets=stylesheets, font_config=font_config, **pdf_profile.write_options()
    )

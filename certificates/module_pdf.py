"""A module's lessons as one PDF for reading offline ("Download this module").

The second WeasyPrint entry point, beside `rendering.py` (house style keeps the heavy library
behind these two modules): the same local-only URL fetcher (no network, files under the
project and MEDIA_ROOT only) and Debian's Noto fonts, A4 portrait. It renders what it is
given, in the active language; `services.module_pdf` chooses the pages and the versions.
Knowledge-check questions and their choices are printed, never which answer is right.
"""

from __future__ import annotations

import threading

import weasyprint
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration

from .rendering import PROJECT_DIR, RTL_LANGUAGES, make_url_fetcher

TEMPLATE_NAME = "certificates/pdf/module.html"
STYLESHEET_PATH = PROJECT_DIR / "certificates" / "templates" / "certificates" / "pdf" / "module.css"

_lock = threading.Lock()
_cached: tuple[weasyprint.CSS, FontConfiguration] | None = None


def _stylesheet() -> tuple[weasyprint.CSS, FontConfiguration]:
    """The parsed stylesheet and its font configuration, built once per process."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                font_config = FontConfiguration()
                css = weasyprint.CSS(
                    filename=str(STYLESHEET_PATH),
                    font_config=font_config,
                    url_fetcher=make_url_fetcher(),
                )
                _cached = (css, font_config)
    return _cached


def render_html(*, language: str, programme, module, lessons, label: str) -> str:
    return render_to_string(
        TEMPLATE_NAME,
        {
            "lang": language,
            "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
            "programme": programme,
            "module": module,
            "lessons": lessons,
            "label": label,
        },
    )


def render_pdf(**content) -> bytes:
    """The module as PDF bytes (fonts subset and embedded)."""
    css, font_config = _stylesheet()
    document = weasyprint.HTML(
        string=render_html(**content),
        base_url=PROJECT_DIR.as_uri() + "/",
        url_fetcher=make_url_fetcher(),
    )
    return document.write_pdf(stylesheets=[css], font_config=font_config)

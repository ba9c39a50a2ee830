"""Certificate rendering: HTML from a Django template, a tagged PDF/A-3a and PDF/UA-1 file
from WeasyPrint (`pdf_profile.py`, docs/decisions/0011-tagged-pdfs.md).

This module and `module_pdf.py` (a module's lessons for offline reading) are the only ones
that import WeasyPrint (house style: heavy libraries sit behind one
module). It knows nothing of models: the certificate services build a `CertificateContent`
and call `render_pdf()`; admin previews and tests may call `render_html()`.

A Celery worker renders many certificates, so the parsed stylesheet and the font
configuration are built once per process (`_stylesheet()`), and every render goes through a
URL fetcher that reads only data: URIs, the certificate assets shipped with the app and the
uploaded images the certificate names: a certificate template can never make the worker touch
the network, nor read the database file or another learner's certificate.
"""

from __future__ import annotations

import datetime
import mimetypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
import weasyprint
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from core import languages
from core.dates import format_date

from . import fonts, pdf_profile, wording

APP_DIR = Path(__file__).resolve().parent
PROJECT_DIR = APP_DIR.parent
TEMPLATE_NAME = "certificates/pdf/certificate.html"
STYLESHEET_PATH = APP_DIR / "templates" / "certificates" / "pdf" / "certificate.css"
# The certificate's own files (the default logo); the only directory the PDF may read.
ASSETS_DIR = APP_DIR / "static" / "certificates"
DEFAULT_LOGO_PATH = ASSETS_DIR / "unitar-logo.svg"


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on one certificate, already chosen for its language."""

    language: str  # a code of settings.LANGUAGES
    learner_name: str
    programme_title: str
    cycle_title: str
    cycle_code: str
    starts_on: datetime.date
    ends_on: datetime.date
    completed_items: list[str]
    serial: str
    verification_code: str
    verify_url: str
    issued_on: datetime.date
    title: str
    body: str
    # (name, title, path of a signature image or None)
    signatories: list[tuple[str, str, str | None]] = field(default_factory=list)
    # None: the default UNITAR logo shipped with the app.
    logo_path: str | None = None


# --- URL fetching ------------------------------------------------------------------------


class RenderingError(Exception):
    """A certificate could not be rendered; the message names the resource and the cause.

    WeasyPrint stops on a resource it cannot fetch with FatalURLFetchingError, a
    BaseException: `render_pdf()` turns it into this ordinary exception, so that callers'
    `except Exception` (mark the certificate failed, retry later) sees it.
    """


class URLRefused(ValueError):
    """A certificate referred to something other than a local file or a data: URI."""


class LocalURLFetcher(URLFetcher):
    """Serves data: URIs, files under `roots` and the named `files`; refuses everything else.

    With `fail_on_errors`, WeasyPrint stops the render on a refused or missing resource
    instead of printing a certificate without its logo or signature.
    """

    def __init__(self, roots: tuple[Path, ...], files: tuple[Path, ...] = ()):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
        self.roots = tuple(Path(root).resolve() for root in roots)
        self.files = frozenset(Path(path).resolve() for path in files)

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            # urllib's DataHandler decodes it; nothing leaves the process.
            return super().fetch(url, headers)
        if scheme != "file":
            raise URLRefused(f"Certificates may only use local files; refused {url[:200]!r}.")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise URLRefused(f"Certificates may only use local files; refused {url[:200]!r}.")
        path = Path(unquote(parts.path)).resolve()
        if path not in self.files and not any(path.is_relative_to(root) for root in self.roots):
            raise URLRefused(
                f"{path} is not one of the certificate's assets or images; a certificate may "
                "not read it."
            )
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def content_images(content: CertificateContent) -> tuple[Path, ...]:
    """The uploaded images a certificate shows (its logo and signatures), when they are in
    MEDIA_ROOT, where the admin's uploads live. Only these files of MEDIA_ROOT may be read:
    not other learners' certificates, nor anything else there."""
    from django.conf import settings

    media_root = Path(settings.MEDIA_ROOT).resolve() if settings.MEDIA_ROOT else None
    named = [content.logo_path, *(image for _name, _title, image in content.signatories)]
    paths = [Path(path).resolve() for path in named if path]
    return tuple(p for p in paths if media_root and p.is_relative_to(media_root))


def make_url_fetcher(content: CertificateContent | None = None) -> LocalURLFetcher:
    """A fetcher for the certificate assets shipped with the app (the default logo) and the
    generated fonts (`fonts.py`), plus the
    uploaded images `content` names. Nothing else of the project directory (its database,
    settings, sources) or of MEDIA_ROOT is readable."""
    return LocalURLFetcher(
        (ASSETS_DIR, fonts.fonts_dir()), content_images(content) if content else ()
    )


# --- HTML --------------------------------------------------------------------------------


def qr_data_uri(url: str) -> str:
    """The verification URL as an SVG QR code (vector, no image file, no fetch) in a data:
    URI, for an <img> that carries alternative text: in the tagged PDF it is a Figure a
    screen reader announces (an inline <svg> could not carry one)."""
    qr = segno.make(url, error="m")
    return qr.svg_data_uri(scale=1, border=0, omitsize=True, dark="#1b3a6b")


def isolate(text: str, language: str) -> str:
    """Wrap a left-to-right token (a cycle code) set inside right-to-left text in Unicode
    isolates (FSI ... PDI), so that its brackets and digits do not reorder the sentence
    around it. WeasyPrint ignores `unicode-bidi: isolate` and <bdi>; Pango's bidi
    (fribidi) honours the control characters, which draw nothing."""
    return f"\u2068{text}\u2069" if languages.is_rtl(language) else text


def _name_length_class(name: str) -> str:
    # Thresholds measured on A4 landscape with Noto Serif Bold: 26pt fits ~36 characters.
    if len(name) > 50:
        return "very-long"
    if len(name) > 34:
        return "long"
    return ""


def _file_uri(path: str | Path | None) -> str | None:
    return Path(path).resolve().as_uri() if path else None


def _inline_css() -> str:
    return mark_safe(STYLESHEET_PATH.read_text(encoding="utf-8"))  # noqa: S308 - our own file


def _context(content: CertificateContent, *, inline_css: bool) -> dict:
    # Labels come from certificates/languages/<code>.json, not the .po catalogues: a
    # certificate's language is its own, not the request's (decision 0010).
    labels = wording.labels_for(content.language)
    language = content.language
    return {
        "c": content,
        "lang": language,
        "dir": "rtl" if languages.is_rtl(language) else "ltr",
        "labels": labels,
        "title": content.title or labels["default_title"],
        "cycle_code": isolate(content.cycle_code, language),
        "name_length_class": _name_length_class(content.learner_name),
        "dates": labels["dates"].format(
            start=format_date(content.starts_on, language),
            end=format_date(content.ends_on, language),
        ),
        "issued_on": format_date(content.issued_on, language),
        "logo_uri": _file_uri(content.logo_path or DEFAULT_LOGO_PATH),
        "signatories": [
            {"name": name, "title": title, "image_uri": _file_uri(image)}
            for name, title, image in content.signatories
        ],
        "qr_uri": qr_data_uri(content.verify_url),
        "qr_alt": labels["qr_alt"].format(url=content.verify_url),
        "inline_css": _inline_css() if inline_css else "",
    }


def render_html(content: CertificateContent) -> str:
    """The certificate as one self-contained HTML document (stylesheet inlined).

    Used for previews, HTML assertions in tests and the benchmark's bare baseline.
    `render_pdf()` renders the same markup but without the inline <style>: it applies the
    stylesheet it parsed once for the process instead.
    """
    return render_to_string(TEMPLATE_NAME, _context(content, inline_css=True))


# --- PDF ---------------------------------------------------------------------------------

_lock = threading.Lock()
_stylesheets: dict[Path, tuple[list[weasyprint.CSS], FontConfiguration]] = {}


def parsed_stylesheet(path: Path) -> tuple[list[weasyprint.CSS], FontConfiguration]:
    """A stylesheet parsed with its font configuration, built once per process and path
    (the certificate's here, the offline module's in `module_pdf.py`), after the @font-face
    rules of the project's own fonts (`fonts.py`: the Chinese serif)."""
    found = _stylesheets.get(path)
    if found is None:
        with _lock:
            found = _stylesheets.get(path)
            if found is None:
                font_config = FontConfiguration()
                faces = weasyprint.CSS(
                    string=fonts.font_face_css(),
                    font_config=font_config,
                    url_fetcher=make_url_fetcher(),
                )
                css = weasyprint.CSS(
                    filename=str(path), font_config=font_config, url_fetcher=make_url_fetcher()
                )
                found = _stylesheets[path] = ([faces, css], font_config)
    return found


def _stylesheet() -> tuple[list[weasyprint.CSS], FontConfiguration]:
    return parsed_stylesheet(STYLESHEET_PATH)


def render_pdf(content: CertificateContent) -> bytes:
    """The certificate as tagged PDF/A-3a and PDF/UA-1 bytes (`pdf_profile.py`): A4
    landscape, fonts embedded (subset), no network.

    Fonts are found by family name through fontconfig: Noto Serif for Latin and Cyrillic
    and Noto Naskh Arabic, both from Debian's fonts-noto-core; Chinese from "PATIT Serif SC"
    (`fonts.py`, cut from fonts-noto-cjk). Every language's font list names them all, so a
    Chinese name prints right on an Arabic certificate.
    """
    stylesheets, font_config = _stylesheet()
    html = render_to_string(TEMPLATE_NAME, _context(content, inline_css=False))
    document = weasyprint.HTML(
        string=html, base_url=PROJECT_DIR.as_uri() + "/", url_fetcher=make_url_fetcher(content)
    )
    try:
        return document.write_pdf(
            stylesheets=stylesheets,
            font_config=font_config,
            **pdf_profile.write_options(),
        )
    except FatalURLFetchingError as error:
        cause = error.__cause__ or error
        raise RenderingError(
            f"{error}: {str(cause).rstrip('.')}. Check the logo and signature images of the "
            "certificate template."
        ) from cause


def bare_render_pdf(html: str) -> bytes:
    """The benchmark's baseline: WeasyPrint with nothing else.

    `weasyprint.HTML(string=html).write_pdf()` — no cached stylesheet (the CSS inlined by
    `render_html()` is parsed every time), a fresh font configuration, the default URL
    fetcher, no PDF/A. `bench/certificates.py` compares `render_pdf()` with
    `bare_render_pdf(render_html(content))`. Not for production use.
    """
    return weasyprint.HTML(string=html).write_pdf()


def warm_up() -> None:
    """Parse the stylesheet and load every script's fonts now, with a throwaway render in
    each language of the site that has its files (a language lacking one is refused where
    a certificate needs it, not when a worker starts): a worker process does it when it
    starts, so the first learner it serves does not wait for it (about a second)."""
    from core import languages

    today = datetime.date.today()
    for language in languages.complete():
        title, body = wording.default_wording(language)
        render_pdf(
            CertificateContent(
                language=language,
                learner_name=title,
                programme_title="PATIT",
                cycle_title="Warm-up",
                cycle_code="WARM-UP",
                starts_on=today,
                ends_on=today,
                completed_items=["Module 1"],
                serial="WARM-0000",
                verification_code="0000-0000-0000-0000-0000",
                verify_url="https://example.org/verify/",
                issued_on=today,
                title=title,
                body=body,
            )
        )

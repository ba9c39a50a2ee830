"""The words of a certificate per language, as data: `certificates/languages/<code>.json`
holds the default title and body, the labels printed around them, the seminar's line
(around the programme's own seminar title) and the admin preview's sample name (decision
0010). A language of the site without its file fails loudly with LanguageMissing; it never
prints an English certificate in its place."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from core import languages

WORDING_DIR = Path(__file__).resolve().parent / "languages"

DEFAULT_SIGNATORIES = [
    ("Executive Director", _("Executive Director, UNITAR")),
]

LABEL_KEYS = (
    "default_title",
    "institute",
    "presented_to",
    "programme",
    "cycle",
    "dates",
    "completed",
    "verify_at",
    "serial",
    "verification_code",
    "issued_on",
    "logo_alt",
    "qr_alt",
)


def wording_path(language: languages.Language) -> Path:
    return WORDING_DIR / f"{language.code}.json"


def wording(language: str) -> dict:
    """Everything a certificate in `language` prints besides the learner's facts."""
    return languages.data(WORDING_DIR, language, "certificate wording")


def default_wording(language: str) -> tuple[str, str]:
    """(title, body with {name} {programme} {cycle} {start} {end}) in `language`."""
    words = wording(language)
    return words["title"], words["body"]


def labels_for(language: str) -> dict[str, str]:
    """The labels printed around the certificate's text; LanguageMissing naming the labels a
    language's file lacks (a missing one would otherwise fail mid-render)."""
    labels = wording(language)["labels"]
    lacking = [key for key in LABEL_KEYS if key not in labels]
    if lacking:
        raise languages.LanguageMissing(
            f"The certificate wording of {language!r} lacks the labels {', '.join(lacking)}."
        )
    return labels


def seminar_label(language: str, title: str) -> str:
    """The line of an attended seminar: the programme's own seminar `title` (already in
    `language`, from the content-names selector) with the language's "attended" mark."""
    return wording(language)["seminar"].format(title=title)


def sample_name(language: str) -> str:
    return wording(language)["sample_name"]

"""The interface's languages as data (docs/decisions/0010-languages-as-data.md).

`settings.LANGUAGES` is the one list; everything about a language is read from data, never
from a table in code: its direction and native name from Django's own `LANG_INFO`, its date
format from `core/formats/<code>.json`, its catalogue from `locale/<dir>/`, and what the apps
need (a certificate's wording) from the files they register with `register_need()`.

Adding a language is one line in settings plus its files; `require(code)` says which file is
missing, and the catalogue-completeness test (`tests/core/test_translations.py`) runs it for
every language, so a language without what it needs fails there, loudly, instead of
printing English.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import to_locale

FORMATS_DIR = Path(__file__).resolve().parent / "formats"


class LanguageMissing(LookupError):
    """A language is not in settings.LANGUAGES, or lacks a file it needs."""


@dataclass(frozen=True)
class Language:
    code: str  # Django's code: "zh-hans"
    name: str  # in English: "Simplified Chinese"
    native_name: str  # for the switcher: "简体中文"
    rtl: bool
    locale_dir: str  # the catalogue's directory under locale/: "zh_Hans"


def codes() -> list[str]:
    """The codes of settings.LANGUAGES, in its order."""
    return [code for code, _name in settings.LANGUAGES]


def normalise(code: str | None) -> str | None:
    """The settings code for `code` however it is spelt ("zh_Hans", "ZH-Hans", "zh", "zh-CN",
    "fr-CA", "ar_EG"), or None when it is none of the site's languages."""
    if not code:
        return None
    wanted = code.strip().replace("_", "-").lower()
    known = codes()
    if wanted in known:
        return wanted
    # Django's own fallbacks (zh-cn and zh-sg are zh-hans).
    for fallback in LANG_INFO.get(wanted, {}).get("fallback", []):
        if fallback in known:
            return fallback
    generic = wanted.split("-")[0]
    if generic in known:
        return generic
    # "zh" alone: the one site language of that family.
    family = [known_code for known_code in known if known_code.split("-")[0] == generic]
    return family[0] if len(family) == 1 else None


def get(code: str | None) -> Language:
    """The language `code` names (see `normalise`); LanguageMissing when it is not one of
    settings.LANGUAGES."""
    found = normalise(code)
    if found is None:
        raise LanguageMissing(
            f"{code!r} is not one of the site's languages ({', '.join(codes())}); add it to "
            "LANGUAGES in config/settings/base.py."
        )
    info = LANG_INFO.get(found, {})
    return Language(
        code=found,
        name=str(dict(settings.LANGUAGES)[found]),
        native_name=info.get("name_local", found),
        rtl=bool(info.get("bidi", False)),
        locale_dir=to_locale(found),
    )


def all_languages() -> list[Language]:
    return [get(code) for code in codes()]


def is_rtl(code: str | None) -> bool:
    return get(code).rtl if normalise(code) else False


# --- What a language needs -----------------------------------------------------------------

# name -> (a function from a Language to the file it needs)
_NEEDS: dict[str, Callable[[Language], Path]] = {}


def register_need(name: str, path_for: Callable[[Language], Path]) -> None:
    """An app declares a file every language must have (its `AppConfig.ready()`)."""
    _NEEDS[name] = path_for


def _catalogue(language: Language) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language.locale_dir / "LC_MESSAGES" / "django.po"


register_need("date format", lambda language: FORMATS_DIR / f"{language.code}.json")


def missing(code: str) -> list[str]:
    """What `code` lacks, one line per missing file; empty when it has all it needs."""
    language = get(code)
    needs = dict(_NEEDS)
    if language.code != settings.LANGUAGE_CODE:  # the source language has no catalogue
        needs = {"catalogue": _catalogue, **needs}
    paths = {name: path_for(language) for name, path_for in needs.items()}
    return [f"{name}: {path}" for name, path in paths.items() if not path.is_file()]


def require(code: str) -> Language:
    """The language, when it has everything it needs; LanguageMissing naming what it lacks."""
    language = get(code)
    lacking = missing(language.code)
    if lacking:
        raise LanguageMissing(
            f"The language {language.code!r} ({language.name}) lacks " + "; ".join(lacking)
        )
    return language


def complete() -> list[str]:
    """The codes of settings.LANGUAGES that have every file they need, in its order: what
    the tests that render each language loop over (a language lacking a file fails the
    completeness test, which names it, instead of every rendering test)."""
    return [code for code in codes() if not missing(code)]


@cache
def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def data(directory: Path, code: str, what: str) -> dict:
    """The JSON file `<directory>/<code>.json` of the language `code`; LanguageMissing (naming
    `what` and the file) when there is none."""
    language = get(code)
    path = directory / f"{language.code}.json"
    if not path.is_file():
        raise LanguageMissing(f"No {what} for the language {language.code!r}: add {path}.")
    return _read(path)

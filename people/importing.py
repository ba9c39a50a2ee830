"""Bulk import of participants (and their applications to a cycle) from CSV or XLSX, as the
missions and the UN protocol lists send them.

All or nothing: every row is checked first (e-mail, names, Member State, rank, language,
duplicates in the file, verified facts of existing accounts, closed accounts); then, in one
transaction, people are matched by e-mail or created, whoever has no password is invited
(`accounts.invitations`), and they apply through `courses.services.apply`, so caps,
waitlists and the one-seat-per-programme rule hold. Any refusal, from the checks or from the
services, leaves the database as it was and reports the rows by their spreadsheet number
(the header is row 1).

Limits (`people/import_files.py`) are checked before a file is read whole. A repeated
column, a NUL byte or a line break in a cell is refused with its row.

Files are read with tablib (CSV) and openpyxl (XLSX). CSV bytes are decoded as UTF-8 (with or
without a byte-order mark) and, failing that, as Windows-1252, the two encodings that
spreadsheet programs write.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import tablib
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import closed as accounts
from accounts import invitations
from accounts.models import Rank, User
from accounts.services import set_certificate_names
from core import languages, roles
from core.member_states import NAMES as MEMBER_STATE_NAMES
from core.permissions import has_permission
from core.validators import one_line

from . import import_files
from .import_files import MAX_ROWS, MAX_UNCOMPRESSED_BYTES  # noqa: F401 - the stated limits

REQUIRED_COLUMNS = ("email", "first_name", "last_name", "member_state", "rank")
# Also optional: certificate_name_<code> (certificate_name_fr, certificate_name_zh_hans),
# a spelling of the name for one language's certificates, the code read by `normalise`.
OPTIONAL_COLUMNS = ("language", "certificate_name")


def _certificate_names(record: dict) -> dict[str, str]:
    """{language: spelling} from the row's filled certificate_name_<code> columns."""
    prefix = "certificate_name_"
    codes = {c: languages.normalise(c.removeprefix(prefix)) for c in record if c.startswith(prefix)}
    return {code: _cell(record, c) for c, code in codes.items() if code and _cell(record, c)}


class ImportRefused(Exception):
    """The file cannot be imported; nothing was written. `problems` lists each row's."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    row: int  # the spreadsheet's row number; 1 is the header
    message: str

    def __str__(self):
        return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class Participant:
    row: int
    email: str
    first_name: str
    last_name: str
    member_state: str
    rank: str
    language: str
    certificate_name: str = ""
    certificate_names: dict[str, str] = field(default_factory=dict)  # {language: spelling}
    outcome: str = ""  # filled by the import: "created" / "matched" and the application


@dataclass
class Result:
    participants: list[Participant] = field(default_factory=list)
    created: int = 0
    matched: int = 0
    enrolled: int = 0
    waitlisted: int = 0
    dry_run: bool = False


# --- Reading --------------------------------------------------------------------------------


def read_table(content: bytes, *, filename: str) -> tablib.Dataset:
    """The file's rows, headers included, whatever the format and the CSV encoding."""
    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
            return import_files.read_xlsx(content)
        import_files.check_text_size(content)
    except import_files.FileRefused as refused:
        raise ImportRefused([Problem(1, refused.message)]) from refused
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:  # cp1252 leaves five bytes undefined
        raise ImportRefused(
            [
                Problem(
                    1,
                    _(
                        "The file is neither UTF-8 nor Windows-1252 text; "
                        "save it as CSV UTF-8 and try again."
                    ),
                )
            ]
        )
    try:
        return tablib.Dataset().load(text, format="csv")
    except Exception as error:
        raise ImportRefused(
            [Problem(1, _("This is not a readable CSV file (%(error)s).") % {"error": error})]
        ) from error


# --- Checking -------------------------------------------------------------------------------


def _key(value: str) -> str:
    # Case, spaces, underscores, hyphens and typographic apostrophes do not matter.
    value = value.replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"[\s_\-]+", " ", value.strip().casefold())


def _lookup(choices) -> dict[str, str]:
    """Accepted spellings → value: the value itself and its label in each of the site's
    languages."""
    table = {}
    for value, label in choices:
        table[_key(value)] = value
        for language in languages.codes():
            with translation.override(language):
                table[_key(str(label))] = value
    return table


def _languages() -> dict[str, str]:
    """Accepted spellings of a language → its code: the code however spelt (zh_Hans, zh),
    its name in each language of the site, and its own name (français, 简体中文, with or
    without accents)."""
    table = _lookup(settings.LANGUAGES)
    for language in languages.all_languages():
        for spelling in (language.native_name, language.locale_dir, language.code.split("-")[0]):
            table[_key(spelling)] = language.code
    for spelling, code in list(table.items()):
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", spelling) if not unicodedata.combining(c)
        )
        table.setdefault(bare, code)
    return table


def _member_states() -> dict[str, str]:
    return _lookup(MEMBER_STATE_NAMES.items())


def _ranks() -> dict[str, str]:
    table = _lookup(Rank.choices)
    table.update(
        {
            _key("Ambassador"): Rank.AMBASSADOR,
            _key("Head of mission"): Rank.AMBASSADOR,
            _key("Deputy"): Rank.DEPUTY,
            _key("Attache"): Rank.ATTACHE,
        }
    )
    return table


def _cell(record: dict, name: str) -> str:
    value = record.get(name)
    return "" if value is None else str(value).strip()


def check(dataset: tablib.Dataset) -> tuple[list[Participant], list[Problem]]:
    """Every row checked against the rules and the database; nothing written."""
    headers = [_key(str(h or "")).replace(" ", "_") for h in (dataset.headers or [])]
    repeated = sorted({h for h in headers if h and headers.count(h) > 1})
    if repeated:
        # Which of two "email" columns is meant? Reading the last one imported other people.
        return [], [
            Problem(
                1,
                _("The column “%(column)s” appears more than once; keep one.")
                % {"column": repeated[0]},
            )
        ]
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        return [], [
            Problem(
                1,
                _(
                    "Missing columns: %(columns)s. The first row must name the "
                    "columns (see the README)."
                )
                % {"columns": ", ".join(missing)},
            )
        ]
    member_states, ranks, language_names = _member_states(), _ranks(), _languages()
    participants, problems, seen = [], [], {}
    for index, values in enumerate(dataset, start=2):
        record = dict(zip(headers, values, strict=False))
        if not any(_cell(record, h) for h in headers):
            continue  # a blank line
        row_problems = []
        for name in headers:
            try:
                one_line(_cell(record, name))
            except ValidationError:
                row_problems.append(
                    _("“%(column)s”: use one line, without line breaks or NUL characters.")
                    % {"column": name}
                )
                break
        email = _cell(record, "email").lower()
        try:
            validate_email(email)
        except ValidationError:
            row_problems.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
        else:
            if email in seen:
                row_problems.append(
                    _("%(email)s is also on row %(row)s.") % {"email": email, "row": seen[email]}
                )
            seen.setdefault(email, index)
        first_name, last_name = _cell(record, "first_name"), _cell(record, "last_name")
        if not first_name or not last_name:
            row_problems.append(_("First and last name are required."))
        state_text = _cell(record, "member_state")
        member_state = member_states.get(_key(state_text))
        if not member_state:
            row_problems.append(
                _("“%(value)s” is not a Member State name or ISO code.") % {"value": state_text}
            )
        rank_text = _cell(record, "rank")
        rank = ranks.get(_key(rank_text))
        if not rank:
            row_problems.append(
                _("“%(value)s” is not a rank (e.g. Counsellor, First secretary).")
                % {"value": rank_text}
            )
        language_text = _cell(record, "language")
        language = language_names.get(_key(language_text)) if language_text else "en"
        if not language:
            row_problems.append(
                _("“%(value)s” is not a language: use one of %(codes)s.")
                % {"value": language_text, "codes": ", ".join(languages.codes())}
            )
        problems += [Problem(index, message) for message in row_problems]
        if not row_problems:
            participants.append(
                Participant(
                    row=index,
                    email=email,
                    first_name=first_name,
                    last_name=last_name,
                    member_state=member_state,
                    rank=rank,
                    language=language,
                    certificate_name=_cell(record, "certificate_name"),
                    certificate_names=_certificate_names(record),
                )
            )
    problems += _check_against_database(participants)
    return participants, sorted(problems, key=lambda p: p.row)


def _check_against_database(participants: list[Participant]) -> list[Problem]:
    """An existing account is matched by e-mail; its verified rank and Member State are
    not changed by a file, so a row that disagrees with them is refused."""
    existing = {u.email: u for u in User.objects.filter(email__in=[p.email for p in participants])}
    problems = []
    for p in participants:
        user = existing.get(p.email)
        if (user is not None and accounts.is_closed(user)) or accounts.is_pseudonym(p.email):
            problems.append(Problem(p.row, accounts.closed_message(p.email)))
            continue
        if user is None:
            continue
        if user.has_perm("wagtailadmin.access_admin"):
            problems.append(Problem(p.row, _("%(email)s is a staff account.") % {"email": p.email}))
        elif (user.member_state, user.rank) != (p.member_state, p.rank):
            problems.append(
                Problem(
                    p.row,
                    _(
                        "%(email)s already has an account as %(rank)s of %(state)s; a verified rank "  # noqa: E501
                        "or Member State changes only through a change request."
                    )
                    % {
                        "email": p.email,
                        "rank": user.get_rank_display(),
                        "state": user.member_state_name or "—",
                    },
                )
            )
    return problems


# --- Importing ------------------------------------------------------------------------------


class _DryRun(Exception):
    pass


def import_participants(
    *, content: bytes, filename: str, cycle=None, by=None, dry_run: bool = False
) -> Result:
    """Import the file: all rows or none (see the module docstring). Raises ImportRefused
    with every row's problem; with `dry_run` everything runs, including the applications,
    and is then rolled back, so the preview shows exactly what a real import would do."""
    from courses import services
    from courses.exceptions import EnrollmentError

    if by is not None and not has_permission(by, "lms.import_participants"):
        raise ImportRefused([Problem(1, _("Only administrators can import participants."))])
    participants, problems = check(read_table(content, filename=filename))
    if problems:
        raise ImportRefused(problems)
    if not participants:
        raise ImportRefused([Problem(1, _("The file has no participants."))])

    result = Result(participants=participants, dry_run=dry_run)
    try:
        with transaction.atomic():
            learners = Group.objects.get(name=roles.LEARNERS)
            existing = {
                u.email: u for u in User.objects.filter(email__in=[p.email for p in participants])
            }
            refusals = []
            for p in participants:
                user = existing.get(p.email)
                if user is None:
                    user = User.objects.create_user(
                        email=p.email,
                        password=None,
                        first_name=p.first_name,
                        last_name=p.last_name,
                        member_state=p.member_state,
                        rank=p.rank,
                        preferred_language=p.language,
                        certificate_name=p.certificate_name,
                    )
                    set_certificate_names(user=user, names=p.certificate_names)
                    user.groups.add(learners)
                    result.created += 1
                    p.outcome = _("new account")
                else:
                    result.matched += 1
                    p.outcome = _("existing account")
                if not user.has_usable_password():
                    # How a new participant signs in: an invitation to choose a password,
                    # written with the import (rolled back with a refusal or a dry run).
                    invitations.invite(user=user, by=by)
                    p.outcome += " · " + _("invited")
                if cycle is None:
                    continue
                try:
                    with transaction.atomic():
                        enrollment = services.apply(learner=user, cycle=cycle)
                except EnrollmentError as error:
                    refusals.append(Problem(p.row, error.message))
                    continue
                if enrollment.is_seated:
                    result.enrolled += 1
                    p.outcome += " · " + _("seated")
                else:
                    result.waitlisted += 1
                    p.outcome += " · " + _("waitlisted")
            if refusals:
                raise ImportRefused(refusals)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result

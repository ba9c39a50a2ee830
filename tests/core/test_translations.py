"""The interface in every language of settings.LANGUAGES: complete catalogues that cannot
break a format string, each language with what it needs (core/languages.py), and learners'
pages, flash messages and e-mails in the learner's language.

French typography: a no-break space (U+00A0) before a colon, a narrow one (U+202F) before
; ? ! and %."""

import gettext
import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from core.dates import format_date
from courses import services
from courses.emails import EMAIL_KINDS, enrollment_email
from courses.models import Enrollment
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory


def send_enrollment_email(enrollment_id, kind):
    """Build and send one enrollment e-mail as the outbox's sender does."""
    enrollment_email({"enrollment_id": enrollment_id, "kind": kind}).send()


LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# Every language but the source one, as its catalogue's directory (zh-hans -> zh_Hans): a
# line added to settings.LANGUAGES is checked here without touching this file.
LANGUAGES = tuple(translation.to_locale(code) for code, _name in settings.LANGUAGES if code != "en")
NBSP, NNBSP = "\u00a0", "\u202f"
S = Enrollment.Status


# --- The catalogues ----------------------------------------------------------------------


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    quoted = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), quoted)


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (str or list), flags.
    Small on purpose: the format Django's makemessages writes, nothing more."""
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if line.startswith("#~"):
            continue  # obsolete
        if entry is None:
            entry = {
                "flags": set(),
                "msgctxt": None,
                "msgid": "",
                "msgid_plural": None,
                "msgstr": "",
            }
        if line.startswith("#,"):
            entry["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if isinstance(key, tuple):
                entry["msgstr"][key[1]] += _unquote(line)
            else:
                entry[key] += _unquote(line)
        else:
            word = line.split(" ", 1)[0]
            match = re.fullmatch(r"msgstr\[(\d+)\]", word)
            if match:
                if not isinstance(entry["msgstr"], list):
                    entry["msgstr"] = []
                entry["msgstr"].append("")
                key = ("msgstr", int(match.group(1)))
                entry["msgstr"][key[1]] = _unquote(line)
            else:
                key = word
                entry[key] = _unquote(line)
    return entries


def messages(language: str) -> list[dict]:
    return [e for e in read_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po") if e["msgid"]]


def compiled(language: str) -> gettext.GNUTranslations:
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        return gettext.GNUTranslations(handle)


PERCENT = re.compile(r"%\((\w+)\)[sd]")
BRACES = re.compile(r"\{(\w+)\}")


def names(text: str) -> list[str]:
    return sorted(PERCENT.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_many_messages_and_its_header_is_not_fuzzy(language):
    entries = messages(language)
    assert len(entries) > 400  # every learner page, e-mail and admin screen of the project
    header = read_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")[0]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert f"Language: {language}\n" in header["msgstr"]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_language_has_what_it_needs(language):
    """Its catalogue, date format and certificate wording (core.languages.require names the
    missing file): a language added to settings without them fails here, not by printing
    English on a page or a certificate."""
    from core import languages

    assert languages.require(language).code == language


def django_plural_forms(language: str) -> str:
    """The Plural-Forms header of Django's own catalogue for `language`."""
    import django

    path = Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES"
    header = read_po(path / "django.po")[0]["msgstr"]
    return re.search(r"Plural-Forms: *(.*?);?\n", header).group(1).replace(" ", "").rstrip(";")


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_are_djangos_own(language):
    """Each catalogue declares the plural forms Django's own catalogue of the language
    declares (Russian: four, Chinese: one), and every plural entry has that many forms."""
    header = read_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")[0]["msgstr"]
    ours = re.search(r"Plural-Forms: *(.*?);?\n", header).group(1).replace(" ", "").rstrip(";")
    assert ours == django_plural_forms(language)
    count = int(re.search(r"nplurals=(\d+)", ours).group(1))
    for entry in messages(language):
        if entry["msgid_plural"]:
            assert len(entry["msgstr"]) == count, entry["msgid"]


def test_the_catalogues_hold_every_string_marked_in_the_source(tmp_path, settings):
    """makemessages, run on a copy of the project, finds no msgid the catalogues lack: a
    string marked for translation but never added to them would stay English."""
    import shutil

    from django.core.management import call_command

    base = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(
        base,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "var",
            "tests",
            "bench",
            "docs",
            "node_modules",
            "__pycache__",
            ".hypothesis",
            ".*_cache",
            "*.mo",
            "*.png",
            "*.pdf",
            "*.sqlite3*",
        ),
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    previous = os.getcwd()
    os.chdir(copy)  # makemessages reads the tree it runs in
    try:
        call_command("makemessages", locale=list(LANGUAGES), no_obsolete=True, verbosity=0)
    finally:
        os.chdir(previous)
    for language in LANGUAGES:
        committed = {e["msgid"] for e in messages(language)}
        fresh = {
            e["msgid"]
            for e in read_po(copy / "locale" / language / "LC_MESSAGES" / "django.po")
            if e["msgid"]
        }
        assert fresh - committed == set(), "run `make makemessages`, then translate"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_compiled(language):
    catalogue = compiled(language)._catalog
    untranslated, fuzzy, stale = [], [], []
    for entry in messages(language):
        msgid = entry["msgid"]
        if entry["msgctxt"]:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "fuzzy" in entry["flags"]:
            fuzzy.append(entry["msgid"])
        forms = entry["msgstr"] if entry["msgid_plural"] else [entry["msgstr"]]
        if not all(form.strip() for form in forms):
            untranslated.append(entry["msgid"])
            continue
        if entry["msgid_plural"]:
            got = [catalogue.get((msgid, n)) for n in range(len(forms))]
        else:
            got = [catalogue.get(msgid)]
        if got != forms:
            stale.append(entry["msgid"])
    assert untranslated == [], f"untranslated in {language}: run `make makemessages`, translate"
    assert fuzzy == [], f"fuzzy in {language}: check the translation and remove the flag"
    assert stale == [], "the .mo file is older than the .po file: run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_of_every_translation_match_the_english(language):
    """A translation may not drop, rename or add a %(name)s or {name} placeholder, and must
    survive formatting (a lone % would raise at run time)."""
    broken = []
    for entry in messages(language):
        msgid = entry["msgid"]
        if entry["msgid_plural"] is None:
            expected = names(msgid)
            forms = [entry["msgstr"]]
            ok = [names(entry["msgstr"]) == expected]
        else:
            # Plural forms: Arabic spells out zero, one and two ("مقعدان"), so those forms
            # may leave out the count; no form may use a name the English does not give,
            # and the general form ("other", the last) keeps them all.
            allowed = set(names(msgid)) | set(names(entry["msgid_plural"]))
            forms = entry["msgstr"]
            ok = [set(names(form)) <= allowed for form in forms]
            ok.append(set(names(forms[-1])) == allowed)
        if "python-brace-format" in entry["flags"]:
            ok += [sorted(BRACES.findall(f)) == sorted(BRACES.findall(msgid)) for f in forms]
        if "python-format" in entry["flags"]:
            for form in forms:
                try:
                    form % {name: "x" for name in names(msgid + (entry["msgid_plural"] or ""))}
                except (KeyError, ValueError, TypeError):
                    ok.append(False)
        if not all(ok):
            broken.append(msgid)
    assert broken == []


def test_arabic_has_six_plural_forms_and_french_two():
    arabic, french = compiled("ar"), compiled("fr")
    assert [arabic.plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103)] == [
        0,
        1,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
        3,
    ]
    assert [french.plural(n) for n in (0, 1, 2)] == [0, 0, 1]
    for entry in messages("ar"):
        if entry["msgid_plural"]:
            assert len(entry["msgstr"]) == 6, entry["msgid"]
    with translation.override("ar"):
        assert (
            translation.ngettext("%(seats)s seat left", "%(seats)s seats left", 2) == "بقي مقعدان"
        )
        assert (
            translation.ngettext("%(seats)s seat left", "%(seats)s seats left", 5) % {"seats": 5}
            == "بقيت 5 مقاعد"
        )
        assert (
            translation.ngettext("%(seats)s seat left", "%(seats)s seats left", 12) % {"seats": 12}
            == "بقي 12 مقعدًا"
        )


def test_un_terms_for_ranks_and_member_states():
    from accounts.models import Rank

    with translation.override("fr"):
        assert [str(label) for label in Rank.labels[:3]] == [
            "Ambassadeur / Chef de mission",
            "Représentant permanent adjoint",
            "Ministre-conseiller",
        ]
        assert translation.gettext("Member States") == "États Membres"
    with translation.override("ar"):
        assert [str(label) for label in Rank.labels[:3]] == [
            "سفير / رئيس البعثة",
            "نائب الممثل الدائم",
            "وزير مفوض",
        ]
        assert translation.gettext("Member States") == "الدول الأعضاء"


# --- Pages -------------------------------------------------------------------------------


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def programme(db):
    return ProgrammeFactory(modules=2, seminar=False, lessons=2)


@pytest.fixture
def cycle(programme):
    return CycleFactory(programme=programme, capacity=1)


def seated(cycle, language):
    learner = LearnerFactory(preferred_language=language)
    enrollment = services.apply(learner=learner, cycle=cycle)
    assert enrollment.status == S.ENROLLED
    return learner


def test_a_french_learners_dashboard_is_in_french(client, cycle):
    client.force_login(seated(cycle, "fr"))
    response = client.get(reverse("courses:my_learning"))
    assert response.status_code == 200
    text = page(response)
    assert '<html lang="fr" dir="ltr">' in text
    assert "<h1>Ma formation</h1>" in text
    assert ">Inscrit</span>" in text
    assert f"Leçons terminées{NBSP}: 0 sur 2" in text
    assert f"0{NNBSP}% achevé" in text
    assert "Reprendre" in text and ">Se retirer</a>" in text
    for english in (
        "My learning",
        "Enrolled",
        "of 2 lessons",
        "% complete",
        "Resume",
        "Withdraw",
        "Open cycles",
        "Sign out",
    ):
        assert english not in text


def test_an_arabic_learners_dashboard_is_in_arabic_and_right_to_left(client, cycle):
    client.force_login(seated(cycle, "ar"))
    text = page(client.get(reverse("courses:my_learning")))
    assert '<html lang="ar" dir="rtl">' in text
    assert "<h1>مساري التعليمي</h1>" in text
    assert ">مسجّل</span>" in text
    assert "الدروس المنجزة: 0 من أصل 2" in text
    # The Latin cycle code is isolated so that it does not turn the Arabic dates around it.
    assert f"<bdi>{cycle.code}</bdi> · " in text
    assert "استئناف" in text and ">الانسحاب</a>" in text
    assert "الدورات المفتوحة" in text  # the navigation
    for english in (
        "My learning",
        "Enrolled",
        "of 2 lessons",
        "Resume",
        "Withdraw",
        "Open cycles",
        "Sign out",
    ):
        assert english not in text


@pytest.mark.parametrize(
    "language, expected, english",
    [
        (
            "fr",
            [
                f"Votre statut{NBSP}:",
                "Vous êtes au rang 1 sur la liste d'attente.",
                f"Places occupées{NBSP}: 1 sur 1",
                "1 personne sur la liste d'attente",
                "Accéder à ma formation",
            ],
            [
                "Your status",
                "You are number",
                "seats taken",
                "on the waitlist",
                "Go to my learning",
            ],
        ),
        (
            "ar",
            [
                "حالتك:",
                "ترتيبك 1 في قائمة الانتظار.",
                "المقاعد المشغولة: 1 من أصل 1",
                "شخص واحد في قائمة الانتظار",
                "الانتقال إلى مساري التعليمي",
            ],
            [
                "Your status",
                "You are number",
                "seats taken",
                "on the waitlist",
                "Go to my learning",
            ],
        ),
    ],
)
def test_the_cycle_page_is_in_the_learners_language(client, cycle, language, expected, english):
    seated(cycle, "en")
    learner = LearnerFactory(preferred_language=language)
    assert services.apply(learner=learner, cycle=cycle).status == S.WAITLISTED
    client.force_login(learner)
    response = client.get(reverse("courses:cycle_detail", args=[cycle.code]))
    assert response.status_code == 200
    text = page(response)
    for phrase in expected:
        assert phrase in text
    for phrase in english:
        assert phrase not in text


@pytest.mark.parametrize(
    "language, expected, english",
    [
        (
            "fr",
            [
                "Cette leçon ne vous est pas encore accessible",
                "Module 2 s'ouvrira lorsque vous aurez terminé Module 1.",
                "Poursuivre Module 1",
                "Leçons du module",
            ],
            ["is not open to you yet", "opens when you complete", "Continue Module", "Lessons of"],
        ),
        (
            "ar",
            [
                "هذا الدرس غير متاح لك بعد",
                "تُفتح الوحدة 2 عندما تُتمّ الوحدة 1.",
                "متابعة الوحدة 1",
                '<span class="badge">الوحدة 2</span>',
            ],
            ["is not open to you yet", "opens when you complete", "Continue Module", "Lessons of"],
        ),
    ],
)
def test_the_lesson_lock_explains_itself_in_the_learners_language(
    client, cycle, programme, language, expected, english
):
    client.force_login(seated(cycle, language))
    second_module_lesson = list(programme.modules()[1].lessons())[0]
    response = client.get(second_module_lesson.url)
    assert response.status_code == 403
    text = page(response)
    for phrase in expected:
        assert phrase in text
    for phrase in english:
        assert phrase not in text


@pytest.mark.parametrize(
    "language, expected, english",
    [
        (
            "fr",
            "Le cycle {code} est complet\u202f; vous êtes au rang 1 sur la liste d'attente.",
            "is full; you are number",
        ),
        (
            "ar",
            "الدورة {code} مكتملة العدد؛ وترتيبك 1 في قائمة الانتظار.",
            "is full; you are number",
        ),
    ],
)
def test_flash_messages_are_in_the_learners_language(client, cycle, language, expected, english):
    seated(cycle, "en")
    client.force_login(LearnerFactory(preferred_language=language))
    response = client.post(reverse("courses:apply", args=[cycle.code]), follow=True)
    assert response.status_code == 200
    text = page(response)
    assert expected.format(code=cycle.code) in text
    assert english not in text


def test_a_refusal_from_the_services_is_in_the_learners_language(client, cycle):
    learner = seated(cycle, "fr")
    client.force_login(learner)
    response = client.post(reverse("courses:apply", args=[cycle.code]), follow=True)
    text = page(response)
    assert (
        f"Vous avez déjà présenté votre candidature au cycle {cycle.code} (statut{NBSP}: Inscrit)."
    ) in text
    assert "You have already applied" not in text


# --- E-mails -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_enrollment_emails_go_out_in_the_learners_language(cycle, language):
    learner = seated(cycle, language)
    enrollment = learner.enrollments.get()
    mail.outbox.clear()
    send_enrollment_email(enrollment.pk, "enrolled")
    send_enrollment_email(enrollment.pk, "withdrawn")
    enrolled, withdrawn = mail.outbox
    start = format_date(cycle.starts_on, language)  # one formatter for every date (core.dates)
    name, code, title = learner.get_full_name(), cycle.code, cycle.title
    if language == "fr":
        assert enrolled.subject == f"Vous êtes inscrit au cycle {code}"
        assert enrolled.body.startswith(f"Bonjour {name},\n")
        assert (
            f"Votre place dans le cycle {title} ({code}) est confirmée. "
            f"Le cycle commence le {start}."
        ) in enrolled.body
        assert f"Vos inscriptions{NBSP}: http://testserver/my/" in enrolled.body
        assert (
            "Programme de formation et de politique à l'intention des ambassadeurs et "
            "des diplomates auprès de l'Organisation des Nations Unies" in enrolled.body
        )
        assert withdrawn.subject == f"Vous avez quitté le cycle {code}"
        assert (
            "S'il s'agit d'une erreur, veuillez contacter les administrateurs du programme."
        ) in withdrawn.body
    else:
        assert enrolled.subject == f"أنت مسجّل في الدورة {code}"
        assert enrolled.body.startswith(f"السيد/السيدة {name} المحترم/ة،\n")
        assert f"تأكّد مقعدك في {title} ({code}). تبدأ الدورة في {start}." in enrolled.body
        assert "برنامج التدريب والسياسات للسفراء والدبلوماسيين لدى الأمم المتحدة" in enrolled.body
        assert withdrawn.subject == f"غادرت الدورة {code}"
        assert "إذا كان ذلك عن طريق الخطأ، فيُرجى الاتصال بمسؤولي البرنامج." in withdrawn.body
    for message in (enrolled, withdrawn):
        assert message.to == [learner.email]
        for english in (
            "Dear",
            "You are enrolled",
            "is confirmed",
            "Your enrollments",
            "You have left",
            "If this is a mistake",
            "Policy and Training",
        ):
            assert english not in message.subject + message.body


def test_an_english_learner_still_gets_english(cycle):
    learner = seated(cycle, "en")
    mail.outbox.clear()
    send_enrollment_email(learner.enrollments.get().pk, "enrolled")
    assert mail.outbox[0].subject == f"You are enrolled in {cycle.code}"
    assert mail.outbox[0].body.startswith(f"Dear {learner.get_full_name()},")


@pytest.mark.parametrize(
    "language, expected, english",
    [
        (
            "fr",
            [
                "État Membre ou organisation",
                '<optgroup label="États Membres">',
                ">Égypte</option>",
                ">Royaume-Uni de Grande-Bretagne et d'Irlande du Nord</option>",
                '<optgroup label="États observateurs">',
                ">Saint-Siège</option>",
                ">Conseiller</option>",
                f"Prénom{NBSP}:",
            ],
            ["Member State", ">Egypt</option>", ">Holy See</option>", ">Counsellor</option>"],
        ),
        (
            "ar",
            [
                "الدولة العضو أو المنظمة",
                '<optgroup label="الدول الأعضاء">',
                ">مصر</option>",
                ">الكرسي الرسولي</option>",
                ">مستشار</option>",
                ">سكرتير ثان</option>",
            ],
            ["Member State", ">Egypt</option>", ">Holy See</option>", ">Counsellor</option>"],
        ),
    ],
)
def test_the_profile_form_speaks_the_learners_language(client, db, language, expected, english):
    client.force_login(LearnerFactory(preferred_language=language, member_state="EGY"))
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    text = page(response)
    for phrase in expected:
        assert phrase in text
    for phrase in english:
        assert phrase not in text


# --- Nothing of the English interface is left --------------------------------------------


class VisibleText(HTMLParser):
    """The text runs of a page body (script, style and the <head> left out)."""

    SKIP = {"script", "style", "head"}

    def __init__(self):
        super().__init__()
        self.skipping, self.runs = 0, []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP

    def handle_data(self, data):
        if not self.skipping:
            self.runs += [run.strip() for run in data.splitlines() if run.strip()]


def sentences(text: str, *, html_page: bool, content: list[str]) -> set[str]:
    """The interface's own words: runs with a letter, minus those made of content (titles,
    codes, names, addresses, which stay as authored)."""
    if html_page:
        parser = VisibleText()
        parser.feed(text)
        runs = parser.runs
    else:
        runs = [line.strip() for line in text.splitlines() if line.strip()]
    for value in sorted(content, key=len, reverse=True):
        runs = [run.replace(value, "") for run in runs]
    return {run for run in runs if re.search(r"[^\W\d_]{2,}", run)}


def test_french_and_arabic_share_none_of_the_english_interface(client, cycle, programme):
    """Dashboard, lesson, cycle page and every enrollment e-mail, for an English, a French
    and an Arabic learner: a missing or partial catalogue leaves English sentences behind."""
    seen = {}
    for language in ("en", "fr", "ar"):
        learner = LearnerFactory(
            preferred_language=language, first_name="Amina", last_name="Diallo"
        )
        cycle.capacity += 1
        cycle.save(update_fields=["capacity"])
        enrollment = services.apply(learner=learner, cycle=cycle)
        assert enrollment.status == S.ENROLLED
        lesson = list(programme.modules()[0].lessons())[0]
        content = [
            cycle.title,
            cycle.code,
            programme.title,
            lesson.title,
            "PATIT",
            "Amina Diallo",
            learner.email,
            "http://testserver/my/",
            "LMS",
        ]
        content += [m.title for m in programme.modules()]
        content += [le.title for m in programme.modules() for le in m.lessons()]
        content += ["Lesson 1 of ", "Lesson 2 of "]  # the factory's lesson bodies
        client.force_login(learner)
        pages = [
            reverse("courses:my_learning"),
            lesson.url,
            reverse("courses:cycle_detail", args=[cycle.code]),
        ]
        words = set()
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            words |= sentences(response.content.decode(), html_page=True, content=content)
        mail.outbox.clear()
        for kind in sorted(EMAIL_KINDS):
            send_enrollment_email(enrollment.pk, kind)
        for message in mail.outbox:
            words |= sentences(
                message.subject + "\n" + message.body, html_page=False, content=content
            )
        assert len(mail.outbox) == len(EMAIL_KINDS) >= 7
        seen[language] = words
    assert len(seen["en"]) > 40  # the check means something: many English sentences
    # Only the names of the languages (each in its own language, in the switcher) and
    # "UNITAR" may appear in all three.
    from django.conf.locale import LANG_INFO

    allowed = {LANG_INFO[code]["name_local"] for code, _name in settings.LANGUAGES} | {"UNITAR"}
    for language in ("fr", "ar"):
        shared = (seen["en"] & seen[language]) - allowed
        assert shared == set(), f"English left in the {language} interface: {sorted(shared)}"


ADMIN_ENGLISH = [
    "Seats taken",
    "Capacity",
    "Waitlist",
    "Audit trail",
    "Back to the roster",
    "Applied",
    "Enrolled",
]


def admin_screens(client, cycle, language) -> tuple[str, set[str]]:
    from tests.factories import AdministratorFactory

    learner = seated(cycle, "en")
    client.force_login(AdministratorFactory(preferred_language=language))
    text, runs = "", set()
    for url in (
        reverse("cycles:index"),
        reverse("roster:manage", args=[learner.enrollments.get().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text += page(response)
        parser = VisibleText()
        parser.feed(response.content.decode())
        runs |= set(parser.runs)
    return text, runs


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "fr",
            [
                "Places occupées",
                "Capacité",
                "Liste d'attente",
                "Journal d'audit",
                "Retour à la liste des participants",
                "Candidature déposée",
                "Inscrit",
            ],
        ),
        (
            "ar",
            [
                "المقاعد المشغولة",
                "السعة",
                "قائمة الانتظار",
                "سجل التدقيق",
                "العودة إلى قائمة المشاركين",
                "قُدِّم الطلب",
                "مسجّل",
            ],
        ),
    ],
)
def test_the_admin_screens_this_project_adds_speak_the_administrators_language(
    client, programme, language, expected
):
    # The English labels are whole text runs of these screens in English...
    _text, english_runs = admin_screens(client, CycleFactory(programme=programme), "en")
    assert set(ADMIN_ENGLISH) <= english_runs
    # ... and none of them is left in French or Arabic.
    text, runs = admin_screens(client, CycleFactory(programme=programme), language)
    for phrase in expected:
        assert phrase in text
    assert set(ADMIN_ENGLISH) & runs == set()

"""Bulk import of participants and applications from CSV and XLSX: every row checked first,
all or nothing, applications through the services."""

import csv
import io

import pytest
import tablib
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Rank, User
from courses import services
from courses.models import Enrollment, EnrollmentEvent
from people import importing
from tests.factories import AdministratorFactory, CycleFactory, InstructorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

HEADER = ["Email", "First_Name", "LAST_NAME", "member_state", "Rank", "language"]


def people(n, *, start=0):
    states = ["GHA", "France", "bra", "Japan", "EGY", "Norway", "Peru", "IND"]
    ranks = ["Counsellor", "first_secretary", "First secretary", "Attaché", "ambassador"]
    return [
        [
            f"diplomat{i}@missions.example.org",
            f"First{i}",
            f"Last{i}",
            states[i % len(states)],
            ranks[i % len(ranks)],
            ["en", "French", "ar"][i % 3],
        ]
        for i in range(start, start + n)
    ]


def csv_bytes(rows, *, header=HEADER, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def write(tmp_path, name, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def counts():
    return User.objects.count(), Enrollment.objects.count(), EnrollmentEvent.objects.count()


def test_fifty_rows_with_three_bad_ones_report_exactly_those_and_write_nothing(tmp_path):
    cycle = CycleFactory(capacity=10)
    rows = people(50)
    rows[7][0] = "not-an-address"  # spreadsheet row 9 (the header is row 1)
    rows[22][3] = "Atlantis"  # row 24
    rows[40][0] = rows[3][0].upper()  # row 42 repeats row 5's address
    path = write(tmp_path, "mission.csv", csv_bytes(rows))
    before = counts()

    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(
            content=open(path, "rb").read(), filename="mission.csv", cycle=cycle
        )
    assert sorted({p.row for p in refused.value.problems}) == [9, 24, 42]
    messages = {p.row: p.message for p in refused.value.problems}
    assert "not-an-address" in messages[9]
    assert "Atlantis" in messages[24]
    assert "row 5" in messages[42]
    assert counts() == before

    # The command says the same and exits non-zero.
    with pytest.raises(CommandError, match="3 row"):
        call_command("import_participants", path, "--cycle", cycle.code)
    assert counts() == before


def test_a_clean_file_imports_and_applies_everyone_with_the_cap_holding(tmp_path, capsys):
    cycle = CycleFactory(capacity=5)
    existing = LearnerFactory(
        email="diplomat3@missions.example.org", member_state="JPN", rank=Rank.ATTACHE
    )
    path = write(tmp_path, "mission.csv", csv_bytes(people(12)))

    call_command("import_participants", path, "--cycle", cycle.code)

    assert "12 participant(s): 11 new, 1 existing" in capsys.readouterr().out
    imported = User.objects.filter(email__startswith="diplomat")
    assert imported.count() == 12
    assert User.objects.get(pk=existing.pk).first_name == existing.first_name  # matched
    new = User.objects.get(email="diplomat1@missions.example.org")
    assert (new.member_state, new.rank, new.preferred_language) == (
        "FRA",
        Rank.FIRST_SECRETARY,
        "fr",
    )
    assert not new.has_usable_password()  # they choose one through "Forgot your password?"
    assert new.groups.filter(name="Learners").exists()
    statuses = list(cycle.enrollments.values_list("status", flat=True))
    assert len(statuses) == 12
    assert statuses.count(Enrollment.Status.ENROLLED) == 5  # the cap
    assert statuses.count(Enrollment.Status.WAITLISTED) == 7
    # Through the service: each application has its audit row.
    assert EnrollmentEvent.objects.filter(enrollment__cycle=cycle, action="applied").count() == 12


def test_a_refusal_by_the_services_writes_nothing_either(tmp_path):
    cycle = CycleFactory(capacity=5)
    taken = LearnerFactory(
        email="diplomat2@missions.example.org", member_state="BRA", rank=Rank.FIRST_SECRETARY
    )
    services.apply(learner=taken, cycle=cycle)
    before = counts()
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=csv_bytes(people(6)), filename="m.csv", cycle=cycle)
    assert [p.row for p in refused.value.problems] == [4]
    assert counts() == before


def test_an_existing_account_with_other_verified_facts_is_refused():
    LearnerFactory(email="diplomat0@missions.example.org", member_state="NOR", rank=Rank.COUNSELLOR)
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=csv_bytes(people(2)), filename="m.csv")
    [problem] = refused.value.problems
    assert problem.row == 2
    assert "change request" in problem.message


def test_dry_run_writes_nothing_and_reports_what_would_happen(tmp_path, capsys):
    cycle = CycleFactory(capacity=2)
    path = write(tmp_path, "m.csv", csv_bytes(people(3)))
    before = counts()
    call_command("import_participants", path, "--cycle", cycle.code, "--dry-run")
    assert "would import 3 participant(s): 3 new, 0 existing; " in capsys.readouterr().out
    assert counts() == before


def test_utf8_with_a_byte_order_mark(tmp_path):
    rows = [["ana.lopez@missions.example.org", "Ana María", "López", "PER", "Counsellor", "fr"]]
    content = csv_bytes(rows, encoding="utf-8-sig")
    assert content.startswith(b"\xef\xbb\xbf")
    importing.import_participants(content=content, filename="m.csv")
    user = User.objects.get(email="ana.lopez@missions.example.org")
    assert (user.first_name, user.last_name) == ("Ana María", "López")


def test_windows_1252(tmp_path):
    rows = [
        [
            "francois.dube@missions.example.org",
            "François",
            "Dubé",
            "Côte d’Ivoire",
            "Premier secrétaire",
            "Français",
        ]
    ]
    content = csv_bytes(rows, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    importing.import_participants(content=content, filename="m.csv")
    user = User.objects.get(email="francois.dube@missions.example.org")
    assert (user.first_name, user.last_name) == ("François", "Dubé")
    assert (user.member_state, user.rank, user.preferred_language) == (
        "CIV",
        Rank.FIRST_SECRETARY,
        "fr",
    )


def test_arabic_names_in_csv_and_xlsx(tmp_path):
    header = HEADER + ["certificate_name_ar"]
    rows = [
        [
            "amina@missions.example.org",
            "أمينة",
            "حداد",
            "الأردن",
            "سفير / رئيس البعثة",
            "ar",
            "سعادة السفيرة أمينة حداد",
        ],
        ["omar@missions.example.org", "عمر", "الفاروق", "EGY", "Counsellor", "العربية", ""],
    ]
    importing.import_participants(content=csv_bytes(rows, header=header), filename="m.csv")
    amina = User.objects.get(email="amina@missions.example.org")
    assert (amina.first_name, amina.last_name, amina.member_state) == ("أمينة", "حداد", "JOR")
    assert amina.certificate_names_by_language() == {"ar": "سعادة السفيرة أمينة حداد"}

    book = tablib.Dataset(headers=header)
    book.append(["layla@missions.example.org", "ليلى", "منصور", "Lebanon", "Attaché", "ar", ""])
    importing.import_participants(content=book.export("xlsx"), filename="list.xlsx")
    layla = User.objects.get(email="layla@missions.example.org")
    assert (layla.first_name, layla.last_name, layla.member_state) == ("ليلى", "منصور", "LBN")


def test_a_certificate_name_column_for_any_language_however_its_code_is_spelt():
    header = HEADER + ["certificate_name_zh_Hans", "certificate_name_ru", "certificate_name_de"]
    rows = [
        [
            "li@missions.example.org",
            "Wei",
            "Li",
            "CHN",
            "Counsellor",
            "zh-hans",
            "李伟",
            "Ли Вэй",
            "Wei Li (not a site language: ignored)",
        ]
    ]
    importing.import_participants(content=csv_bytes(rows, header=header), filename="m.csv")
    li = User.objects.get(email="li@missions.example.org")
    assert li.certificate_names_by_language() == {"ru": "Ли Вэй", "zh-hans": "李伟"}


def test_a_file_without_the_required_columns_is_refused():
    content = csv_bytes([["a@b.org", "A"]], header=["email", "name"])
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=content, filename="m.csv")
    assert refused.value.problems[0].row == 1
    assert "first_name" in refused.value.problems[0].message


def test_the_admin_screen_uploads_previews_and_confirms(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    cycle = CycleFactory(capacity=2)
    client.force_login(AdministratorFactory())
    url = reverse("import_participants")
    assert client.get(url).status_code == 200

    upload = SimpleUploadedFile("m.csv", csv_bytes(people(3)), content_type="text/csv")
    preview = client.post(url, {"file": upload, "cycle": cycle.pk})
    assert preview.status_code == 200
    assert b"diplomat2@missions.example.org" in preview.content
    assert User.objects.filter(email__startswith="diplomat").count() == 0  # preview only

    response = client.post(
        url,
        {
            "confirm": "1",
            "content": preview.context["content"],
            "filename": "m.csv",
            "cycle": cycle.pk,
        },
    )
    assert response.status_code == 302
    assert cycle.enrollments.count() == 3
    assert cycle.enrollments.filter(status=Enrollment.Status.ENROLLED).count() == 2

    bad = people(2)
    bad[1][4] = "Emperor"
    upload = SimpleUploadedFile("m.csv", csv_bytes(bad), content_type="text/csv")
    response = client.post(url, {"file": upload, "cycle": cycle.pk})
    assert response.status_code == 200
    assert "row 3" in response.content.decode()
    assert b'name="confirm"' not in response.content


def test_only_administrators_import(client):
    client.force_login(InstructorFactory())
    assert client.get(reverse("import_participants")).status_code == 302


# --- edge (issue 19): headers, NUL bytes and sizes refused before anything is read whole ---


def test_a_repeated_column_is_refused_not_last_wins():
    header = HEADER + ["email"]
    rows = [row + ["someone.else@missions.example.org"] for row in people(2)]
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=csv_bytes(rows, header=header), filename="m.csv")
    [problem] = refused.value.problems
    assert problem.row == 1
    assert "“email” appears more than once" in problem.message
    assert not User.objects.filter(email__endswith="missions.example.org").exists()


@pytest.mark.parametrize("filename", ["m.csv", "m.xlsx"])
def test_a_nul_byte_or_a_line_break_in_a_name_is_refused_with_the_row(filename):
    rows = people(3)
    # XML cannot hold a NUL: in an XLSX the nearest is a carriage return.
    rows[1][1] = "First\x00One" if filename.endswith(".csv") else "First\rOne"
    rows[2][2] = "Last\nBcc: everyone@example.org"
    if filename.endswith(".csv"):
        content = csv_bytes(rows)
    else:
        content = tablib.Dataset(*rows, headers=HEADER).export("xlsx")
    before = counts()
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=content, filename=filename)
    assert [p.row for p in refused.value.problems] == [3, 4]
    assert all("one line" in p.message for p in refused.value.problems)
    assert counts() == before


def _xlsx_bomb(rows: int) -> bytes:
    """A valid XLSX whose one sheet has `rows` rows: a few hundred KB compressed."""
    import zipfile

    from openpyxl import Workbook

    shell = io.BytesIO()
    Workbook().save(shell)
    # Rows without their number (allowed: they follow each other) compress to almost nothing.
    row = '<row><c t="inlineStr"><is><t>a@b.org</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + row * rows + "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(shell.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for item in source.infolist():
            data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else None
            bomb.writestr(item.filename, data or source.read(item.filename))
    return out.getvalue()


def _measured(run):
    """Seconds (a plain run) and peak bytes allocated (a second run under tracemalloc,
    which slows allocation too much to be timed)."""
    import time
    import tracemalloc

    started = time.monotonic()
    run()
    elapsed = time.monotonic() - started
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return elapsed, peak


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (2_000_000, "more than 20 MB uncompressed"),  # 110 MB of XML in 300 KB
        (importing.MAX_ROWS + 10, f"more than {importing.MAX_ROWS:,} rows"),
    ],
)
def test_an_xlsx_bomb_is_refused_quickly_and_in_little_memory(rows, message):
    content = _xlsx_bomb(rows)
    assert len(content) < 1_000_000
    refused = []

    def run():
        try:
            importing.import_participants(content=content, filename="bomb.xlsx")
        except importing.ImportRefused as error:
            refused.append(error)

    elapsed, peak = _measured(run)
    assert len(refused) == 2 and message in str(refused[0])
    assert elapsed < 2, elapsed
    assert peak < 100 * 1024 * 1024, peak


def test_a_csv_over_the_row_limit_is_refused_with_the_limit():
    content = b"email\n" + b"a@b.org\n" * (importing.MAX_ROWS + 1)
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=content, filename="m.csv")
    assert f"more than {importing.MAX_ROWS:,} rows" in str(refused.value)

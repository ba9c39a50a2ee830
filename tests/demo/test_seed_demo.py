"""`manage.py seed_demo` builds the demo through the services and is safe to re-run."""

import io
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from accounts.models import User
from cms.models import LessonPage, ModulePage, ProgrammePage
from core import languages as site_languages
from courses.models import Cycle, Enrollment

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
S = Enrollment.Status


def _snapshot():
    return (
        ProgrammePage.objects.count(),
        ModulePage.objects.count(),
        LessonPage.objects.count(),
        User.objects.count(),
        Cycle.objects.count(),
        Enrollment.objects.count(),
    )


def test_seed_demo_builds_the_curriculum_cycles_and_logins_and_can_run_twice(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = _snapshot()
    assert "focal.point.ghana@missions.example.org" in out.getvalue()
    call_command("seed_demo", stdout=io.StringIO())
    assert _snapshot() == first

    patit = ProgrammePage.objects.get(slug="patit", locale__language_code="en")
    modules = list(patit.modules())
    assert [m.kind for m in modules] == ["module"] * 4 + ["seminar"]
    assert all(m.lessons().count() >= 3 for m in modules)
    assert ProgrammePage.objects.filter(slug="web-workshop").exists()
    client.force_login(User.objects.get(email="instructor@unitar.example.org"))
    # A translation is served at its lesson's one URL (37 live lessons, 23 addresses).
    urls = {lesson.url for lesson in LessonPage.objects.live()}
    assert len(urls) == LessonPage.objects.live().filter(locale__language_code="en").count()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert len(response.content) > 2000  # real content, not a stub

    open_cycle = Cycle.objects.get(code="PATIT-2027-1")
    statuses = list(open_cycle.enrollments.values_list("status", flat=True))
    assert statuses.count(S.WAITLISTED) > 0 and statuses.count(S.OFFERED) == 1
    assert statuses.count(S.ENROLLED) + statuses.count(S.OFFERED) == open_cycle.capacity
    past = Cycle.objects.get(code="PATIT-2026-3")
    assert past.is_over()
    assert set(past.enrollments.values_list("status", flat=True)) == {S.COMPLETED}
    # The cycle's title in each language of the site (decision 0016), printed as such on
    # the certificates issued in that language.
    from certificates.models import Certificate
    from cms import content_names

    for code in site_languages.complete():
        if code != settings.LANGUAGE_CODE:
            assert content_names.cycle_title(past, code) != past.title, code
    languages = set()
    for certificate in Certificate.objects.filter(enrollment__cycle=past):
        assert certificate.cycle_title == content_names.cycle_title(past, certificate.language)
        languages.add(certificate.language)
    assert len(languages) > 1
    running = Cycle.objects.get(code="PATIT-2026-4")
    from courses.selectors import progress_for_many

    done = sorted(
        p.lessons_done
        for p in progress_for_many(
            enrollments=running.enrollments.filter(status=S.ENROLLED)
        ).values()
    )
    assert len(set(done)) > 3  # learners at different points
    assert Cycle.objects.get(code="PATIT-2026-4").is_running()

    printed = out.getvalue()
    assert "admin@unitar.example.org" in printed and "patit-demo" in printed
    assert "ambassador.ghana@missions.example.org" in printed


# Committed for real, as under `make run`: the e-mails and PDFs wait for the commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
def test_seed_demo_is_quiet_by_default_and_ends_with_the_logins(capfd, caplog):
    """`make run` must print fewer than 40 lines before the server starts. The demo sends
    dozens of e-mails (to the console, as in development), renders a dozen PDFs and runs
    its tasks eagerly; all of that stays off the console unless `-v 2` is given."""
    caplog.set_level(logging.INFO)  # what the development console shows
    call_command("seed_demo")
    out, err = capfd.readouterr()
    lines = out.splitlines() + err.splitlines() + caplog.messages

    assert len(lines) < 40, "\n".join(lines)
    printed = out.splitlines()
    header = next(i for i, line in enumerate(printed) if line.startswith("Demo logins"))
    assert "patit-demo" in printed[header]
    # The table ends the output: one row per named account, role then e-mail.
    logins = [line.split()[1] for line in printed[header + 1 :]]
    assert logins == list(
        User.objects.filter(email__in=logins).order_by("pk").values_list("email", flat=True)
    )
    assert logins[:3] == [
        "admin@unitar.example.org",
        "instructor@unitar.example.org",
        "instructor2@unitar.example.org",
    ]
    assert "third.secretary.viet.nam@missions.example.org" in logins
    assert len(mail.outbox) > 20  # the e-mails were sent, to memory rather than the console


def test_the_demo_has_learners_who_may_apply_to_the_open_cycle(client):
    """Issue 19, defect 8: every named learner of the demo had taken the programme or sat in
    a cycle of it, so the open cycle's button refused them all. The newcomers of the
    README's table may apply, see the button, and are accepted; the others see why not."""
    from courses import services

    call_command("seed_demo", stdout=io.StringIO())
    open_cycle = Cycle.objects.get(code="PATIT-2027-1")
    apply_form = f'action="/cycles/{open_cycle.code}/apply/"'
    page = f"/cycles/{open_cycle.code}/"
    for email in ("newcomer.canada@missions.example.org", "newcomer.ghana@missions.example.org"):
        learner = User.objects.get(email=email)
        assert services.check_can_apply(learner=learner, cycle=open_cycle) is None
        client.force_login(learner)
        assert apply_form in client.get(page).content.decode()
    client.force_login(User.objects.get(email="ambassador.ghana@missions.example.org"))
    html = client.get(page).content.decode()
    assert apply_form not in html and "completed this programme" in html
    client.force_login(User.objects.get(email="focal.point.ghana@missions.example.org"))
    html = client.get(f"/mission/cycles/{open_cycle.code}/nominate/").content.decode()
    newcomer = User.objects.get(email="newcomer.ghana@missions.example.org")
    assert f'value="{newcomer.pk}"' in html

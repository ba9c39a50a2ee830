"""Through a real browser (no JavaScript): a senior learner picks a seminar session,
downloads its calendar entry, attends (recorded by the session's instructor in the admin),
completes the cycle, answers the evaluation; the administrator sees the cycle in the funnel
report."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from accounts.models import Rank
from courses import services
from courses.models import Enrollment
from evaluations.models import EvaluationForm, EvaluationResponse
from tests.browser.helpers import sign_in
from tests.factories import PASSWORD, AdministratorFactory, InstructorFactory, LearnerFactory
from tests.seminars.helpers import make_session, seminar_cycle

S = Enrollment.Status


def staff_sign_in(page, base_url, *, user, next_path):
    """Sign in through the site's login form, straight into an admin screen."""
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}{next_path}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_senior_learner_from_session_choice_to_evaluation(live_server, new_page):
    programme, cycle = seminar_cycle(seminar_requirement="senior")
    instructor, admin = InstructorFactory(), AdministratorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    session = make_session(cycle, online=True, instructor=instructor, title="Geneva morning")
    make_session(cycle, days=12, title="Geneva afternoon")
    EvaluationForm.objects.create(
        programme=programme,
        title="Your view",
        questions=[("rating", "How useful was the seminar?"), ("text", "What should change?")],
    )
    learner = LearnerFactory(rank=Rank.AMBASSADOR)
    enrollment = services.apply(learner=learner, cycle=cycle)
    services.complete_lesson(learner=learner, lesson=programme.modules().first().lessons()[0])
    url = live_server.url

    page = new_page(java_script_enabled=False)
    sign_in(page, url, user=learner, next_path="/my/")
    page.get_by_role("link", name="Choose a seminar session").click()
    page.locator(f"#session-{session.pk}").get_by_role("button", name="Choose this session").click()
    expect(page.get_by_role("status").first).to_contain_text("Geneva morning")
    page.goto(f"{url}/my/")
    expect(page.locator(f"#enrollment-{enrollment.pk}")).to_contain_text("Geneva morning")
    page.get_by_role("link", name="Add to calendar").first.click()
    feed = page.get_by_role("link", name="Download (.ics)").get_attribute("href")
    calendar = Calendar.from_ical(page.request.get(feed).body())
    [event] = [e for e in calendar.walk("VEVENT") if "seminar-session" in str(e["uid"])]
    assert event["dtstart"].params["TZID"] == session.time_zone
    assert event.decoded("dtstart") == session.starts_at

    staff = new_page(java_script_enabled=False)
    attendance = f"/admin/seminars/cycle/{cycle.pk}/attendance/?session={session.pk}"
    staff_sign_in(staff, url, user=instructor, next_path=attendance)
    staff.get_by_label("Present").check()
    staff.get_by_role("button", name="Save attendance").click()
    enrollment.refresh_from_db()
    assert enrollment.status == S.COMPLETED

    page.goto(f"{url}/my/")
    page.get_by_role("link", name="Evaluate the cycle").click()
    page.get_by_label("4").check()
    page.get_by_label("What should change?").fill("More time for questions")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("status").first).to_contain_text("without your name")
    assert (
        EvaluationResponse.objects.get().answers.get(
            EvaluationForm.objects.get().question_list()[0]["id"]
        )
        == 4
    )

    boss = new_page(java_script_enabled=False)
    staff_sign_in(boss, url, user=admin, next_path="/admin/reports/funnel/")
    row = boss.locator("table.report-table tr", has_text=cycle.code)
    expect(row).to_contain_text(f"{cycle.code}")
    expect(boss.locator("svg title").first).to_have_text("From application to certificate")

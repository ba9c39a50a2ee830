"""Who may open which page: every URL of this project (learner pages, public verification,
and the admin screens the project adds), generated from the URLconf, requested with real
object ids by six actors, compared with the table below. A URL added without a row here
fails the test, so every new page gets an explicit access rule.

Codes: 200 shown; 302 sent to a login page or away; 403 refused; 404 hidden (another
person's object is not disclosed); 405 wrong method (the page only takes POST).
"""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import invitations
from accounts.models import ProfileChangeRequest, Rank
from certificates import services as certificate_services
from cms.models import ContentTranslation
from courses import services
from missions.models import FocalPoint, MissionQuota
from outbox.models import OutboxMessage
from seminars import services as seminar_services
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)
from tests.seminars.helpers import make_session

pytestmark = pytest.mark.django_db

ACTORS = (
    "anonymous",
    "learner",
    "other_learner",
    "assigned_instructor",
    "unassigned_instructor",
    "administrator",
)
OUR_MODULES = (
    "accounts.",
    "core.",
    "courses.",
    "certificates.",
    "cms.",
    "missions.",
    "people.",
    "seminars.",
    "evaluations.",
    "reports.",
)
OUR_NAMESPACES = (
    "cycles",
    "roster",
    "certificates_admin",
    "change_requests",
    "outbox_admin",
    "focal_points",
    "mission_quotas",
    "seminars_admin",
    "evaluations_admin",
    "reports",
    "api",
    "content_translations",
)


def row(anonymous, learner, other_learner, assigned, unassigned, administrator):
    return dict(
        zip(
            ACTORS,
            (anonymous, learner, other_learner, assigned, unassigned, administrator),
            strict=True,
        )
    )


# For Wagtail admin screens, 302 for a learner is the admin's login page and for staff
# without the permission the admin's home page (Wagtail's answer to PermissionDenied). The
# generic add/edit/delete/history screens of records that change only through services
# (enrollments, certificates, change requests) are refused to everyone.
EXPECTED = {
    # Public and learner pages
    "healthz": row(200, 200, 200, 200, 200, 200),
    "profile": row(302, 200, 200, 200, 200, 200),
    "invitation": row(200, 200, 200, 200, 200, 200),  # the token is the authority
    "set_language": row(405, 405, 405, 405, 405, 405),
    # Password reset: the same pages for everyone; a made-up link says it is not valid.
    "password_reset": row(200, 200, 200, 200, 200, 200),
    "password_reset_done": row(200, 200, 200, 200, 200, 200),
    "password_reset_confirm": row(200, 200, 200, 200, 200, 200),
    "password_reset_complete": row(200, 200, 200, 200, 200, 200),
    # Two-factor authentication: staff only; without a device the code page sends to setup.
    "two_factor_setup": row(302, 403, 403, 200, 200, 200),
    "two_factor_verify": row(302, 403, 403, 302, 302, 302),
    "two_factor_enrol": row(302, 403, 403, 404, 404, 404),  # a made-up link
    "courses:cycle_list": row(200, 200, 200, 200, 200, 200),
    "courses:cycle_detail": row(200, 200, 200, 200, 200, 200),
    "courses:apply": row(302, 405, 405, 405, 405, 405),
    "courses:my_learning": row(302, 200, 200, 200, 200, 200),
    "courses:confirm_offer": row(302, 405, 405, 405, 405, 405),
    "courses:decline_offer": row(302, 200, 404, 404, 404, 404),
    "courses:withdraw": row(302, 200, 404, 404, 404, 404),
    "courses:complete_lesson": row(302, 405, 405, 405, 405, 405),
    "courses:knowledge_check": row(302, 405, 405, 405, 405, 405),
    "certificates:verify": row(200, 200, 200, 200, 200, 200),
    "certificates:verify_code": row(200, 200, 200, 200, 200, 200),
    "certificates:mine": row(302, 200, 200, 200, 200, 200),
    "certificates:download": row(302, 200, 404, 404, 404, 404),
    # Both learners are seated (or done) and module 1 is open; staff preview every module.
    "certificates:module_pdf": row(302, 200, 200, 200, 200, 200),
    # Which curriculum pages lack a translation (admin)
    "cms_translations": row(302, 302, 302, 200, 200, 200),
    # Cycles (admin)
    "cycles:index": row(302, 302, 302, 200, 200, 200),
    "cycles:index_results": row(302, 302, 302, 200, 200, 200),
    "cycles:add": row(302, 302, 302, 302, 302, 200),
    "cycles:edit": row(302, 302, 302, 302, 302, 200),
    "cycles:delete": row(302, 302, 302, 302, 302, 302),  # has enrollments: sent to cancel
    "cycles:history": row(302, 302, 302, 302, 302, 200),
    "cycles:history_results": row(302, 302, 302, 302, 302, 200),
    "cycles:usage": row(302, 302, 302, 302, 302, 200),
    # Moved to the reports (reports:progress): the old address redirects, for staff.
    "cycles:progress": row(302, 302, 302, 301, 301, 301),
    # Attendance has one screen, seminars_admin:attendance: the old address redirects.
    "cycles:attendance": row(302, 302, 302, 301, 301, 301),
    "cycles:cancel": row(302, 302, 302, 302, 302, 200),
    "cycles:apply_curriculum": row(302, 302, 302, 302, 302, 200),
    "cycles:copy_next": row(302, 302, 302, 302, 302, 200),
    "cycles:close": row(302, 302, 302, 302, 302, 200),
    # Rosters (admin)
    "roster:index": row(302, 302, 302, 200, 200, 200),
    "roster:index_results": row(302, 302, 302, 200, 200, 200),
    "roster:add": row(302, 302, 302, 302, 302, 302),
    "roster:edit": row(302, 302, 302, 302, 302, 302),
    "roster:delete": row(302, 302, 302, 302, 302, 302),
    "roster:history": row(302, 302, 302, 302, 302, 302),
    "roster:history_results": row(302, 302, 302, 302, 302, 302),
    "roster:usage": row(302, 302, 302, 302, 302, 302),
    "roster:manage": row(302, 302, 302, 200, 404, 200),
    # Certificates (admin)
    "certificates_admin:index": row(302, 302, 302, 302, 302, 200),
    "certificates_admin:index_results": row(302, 302, 302, 302, 302, 200),
    "certificates_admin:add": row(302, 302, 302, 302, 302, 302),
    "certificates_admin:edit": row(302, 302, 302, 302, 302, 302),
    "certificates_admin:delete": row(302, 302, 302, 302, 302, 302),
    "certificates_admin:history": row(302, 302, 302, 302, 302, 302),
    "certificates_admin:history_results": row(302, 302, 302, 302, 302, 302),
    "certificates_admin:usage": row(302, 302, 302, 302, 302, 302),
    "certificates_admin:manage": row(302, 302, 302, 302, 302, 200),
    "certificates_admin:cycle": row(302, 302, 302, 302, 302, 200),
    "certificates_admin:cycle_zip": row(302, 302, 302, 302, 302, 200),
    "certificates_admin:pdf": row(302, 302, 302, 302, 302, 200),
    "certificates_admin:by_cycle": row(302, 302, 302, 302, 302, 200),
    # Requests to change a verified rank or Member State (admin)
    "change_requests:index": row(302, 302, 302, 302, 302, 200),
    "change_requests:index_results": row(302, 302, 302, 302, 302, 200),
    "change_requests:add": row(302, 302, 302, 302, 302, 302),
    "change_requests:edit": row(302, 302, 302, 302, 302, 302),
    "change_requests:delete": row(302, 302, 302, 302, 302, 302),
    "change_requests:history": row(302, 302, 302, 302, 302, 302),
    "change_requests:history_results": row(302, 302, 302, 302, 302, 302),
    "change_requests:usage": row(302, 302, 302, 302, 302, 302),
    "change_requests:decide": row(302, 302, 302, 302, 302, 200),
    # Outgoing e-mail (admin, read only)
    "outbox_admin:index": row(302, 302, 302, 302, 302, 200),
    "outbox_admin:index_results": row(302, 302, 302, 302, 302, 200),
    "outbox_admin:inspect": row(302, 302, 302, 302, 302, 200),
    "outbox_admin:add": row(302, 302, 302, 302, 302, 302),
    "outbox_admin:edit": row(302, 302, 302, 302, 302, 302),
    "outbox_admin:delete": row(302, 302, 302, 302, 302, 302),
    "outbox_admin:history": row(302, 302, 302, 302, 302, 302),
    "outbox_admin:history_results": row(302, 302, 302, 302, 302, 302),
    "outbox_admin:usage": row(302, 302, 302, 302, 302, 302),
    # Missions: only a focal point (tests/missions) reaches these; nobody here is one.
    "missions:home": row(302, 403, 403, 403, 403, 403),
    "missions:diplomat": row(302, 403, 403, 403, 403, 403),
    "missions:nominate": row(302, 403, 403, 403, 403, 403),
    # Focal points and quotas (admin)
    "focal_points:index": row(302, 302, 302, 302, 302, 200),
    "focal_points:index_results": row(302, 302, 302, 302, 302, 200),
    "focal_points:add": row(302, 302, 302, 302, 302, 200),
    "focal_points:edit": row(302, 302, 302, 302, 302, 200),
    "focal_points:delete": row(302, 302, 302, 302, 302, 200),
    "focal_points:history": row(302, 302, 302, 302, 302, 200),
    "focal_points:history_results": row(302, 302, 302, 302, 302, 200),
    "focal_points:usage": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:index": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:index_results": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:add": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:edit": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:delete": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:history": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:history_results": row(302, 302, 302, 302, 302, 200),
    "mission_quotas:usage": row(302, 302, 302, 302, 302, 200),
    # A person's data: export and erasure (admin), administrators only
    "personal_data": row(302, 302, 302, 302, 302, 200),
    "personal_data_export": row(302, 302, 302, 302, 302, 200),
    "import_participants": row(302, 302, 302, 302, 302, 200),
    # Seminar sessions and calendars (learner pages; the private feed needs only its token)
    "seminars:cycle_calendar": row(200, 200, 200, 200, 200, 200),
    "seminars:choose": row(302, 200, 200, 200, 200, 200),
    "seminars:choose_session": row(302, 405, 405, 405, 405, 405),
    "seminars:my_calendar": row(302, 200, 200, 200, 200, 200),
    "seminars:feed": row(200, 200, 200, 200, 200, 200),
    # Seminar sessions (admin): the session's instructor is the assigned one
    "seminars_admin:sessions": row(302, 302, 302, 200, 302, 200),
    "seminars_admin:attendance": row(302, 302, 302, 200, 302, 200),
    "seminars_admin:session_attendance": row(302, 302, 302, 301, 301, 301),
    "seminars_admin:announce": row(302, 302, 302, 200, 302, 200),
    # Evaluations: the learner answers for their own enrollment; results for the cycle's staff
    "evaluations:answer": row(302, 200, 404, 404, 404, 404),
    "evaluations_admin:results": row(302, 302, 302, 200, 302, 200),
    # Reports (admin): instructors see their own cycles; one without cycles is refused
    "reports:funnel": row(302, 302, 302, 200, 302, 200),
    "reports:demand": row(302, 302, 302, 200, 302, 200),
    "reports:member_states": row(302, 302, 302, 200, 302, 200),
    "reports:certificates": row(302, 302, 302, 200, 302, 200),
    "reports:knowledge_checks": row(302, 302, 302, 200, 302, 200),
    "reports:drop_off": row(302, 302, 302, 200, 302, 200),
    # The progress matrix: the cycle's instructors and the administrators, as before its move.
    "reports:progress": row(302, 302, 302, 200, 302, 200),
    "reports:progress_results": row(302, 302, 302, 200, 302, 200),
    # --- Single sign-on (accounts/sso.py): off unless configured, so hidden from everyone ---
    "oidc_authentication_init": row(404, 404, 404, 404, 404, 404),
    "oidc_authentication_callback": row(404, 404, 404, 404, 404, 404),
    # Read API: bearer tokens only, a session opens nothing (tokens of every actor:
    # tests/test_api_access_matrix.py); the schema and its docs are public.
    "api:programmes": row(401, 401, 401, 401, 401, 401),
    "api:cycles": row(401, 401, 401, 401, 401, 401),
    "api:enrollments": row(401, 401, 401, 401, 401, 401),
    "api:certificates": row(401, 401, 401, 401, 401, 401),
    "api:learners": row(401, 401, 401, 401, 401, 401),
    "api:learner": row(401, 401, 401, 401, 401, 401),
    "api:openapi-json": row(200, 200, 200, 200, 200, 200),
    "api:openapi-view": row(200, 200, 200, 200, 200, 200),
    "api:api-root": row(404, 404, 404, 404, 404, 404),  # django-ninja's; points to the docs
    # --- Signed certificates, Open Badges, learner records (issue 22) ---
    # Checking an uploaded PDF's signature is public (GET shows the form).
    "certificates:verify_file": row(200, 200, 200, 200, 200, 200),
    # The learner's own Open Badges credential; what verifiers fetch is public.
    "certificates:badge": row(302, 200, 404, 404, 404, 404),
    "certificates:badge_issuer": row(200, 200, 200, 200, 200, 200),
    "certificates:badge_jwks": row(200, 200, 200, 200, 200, 200),
    "certificates:badge_status_list": row(200, 200, 200, 200, 200, 200),
    # Everyone signed in gets their own learner record (an empty one without cycles).
    "certificates:my_record_pdf": row(302, 200, 200, 200, 200, 200),
    "certificates:my_record_json": row(302, 200, 200, 200, 200, 200),
    # A diplomat's record: their mission's focal point only (tests/certificates/
    # test_learner_records.py: another mission's is a 404); nobody here is one.
    "missions:diplomat_record_pdf": row(302, 403, 403, 403, 403, 403),
    "missions:diplomat_record_json": row(302, 403, 403, 403, 403, 403),
    # --- ui (issue 19): a cycle's history for its staff; the admin's sign-out is POST only
    "cycles:events": row(302, 302, 302, 200, 302, 200),
    "wagtailadmin_logout": row(405, 405, 405, 405, 405, 405),
    # --- edge (issue 19): the services health report is public; it names no address. ---
    "healthz_services": row(200, 200, 200, 200, 200, 200),
    # --- Names of cycles and seminar sessions in other languages (cms/viewsets.py) ---
    "content_translations:index": row(302, 302, 302, 302, 302, 200),
    "content_translations:index_results": row(302, 302, 302, 302, 302, 200),
    "content_translations:add": row(302, 302, 302, 302, 302, 200),
    "content_translations:edit": row(302, 302, 302, 302, 302, 200),
    "content_translations:delete": row(302, 302, 302, 302, 302, 200),
    "content_translations:history": row(302, 302, 302, 302, 302, 200),
    "content_translations:history_results": row(302, 302, 302, 302, 302, 200),
    "content_translations:usage": row(302, 302, 302, 302, 302, 200),
}


def project_urls():
    """(name, route, parameter names) of every URL pattern this project defines."""

    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                module = getattr(pattern.callback, "__module__", "")
                ours = module.startswith(OUR_MODULES) or (namespace in OUR_NAMESPACES)
                if ours:
                    yield name, prefix + str(pattern.pattern), list(pattern.pattern.converters)

    return sorted(set((n, r, tuple(p)) for n, r, p in walk(get_resolver().url_patterns)))


@pytest.fixture
def world():
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner, other = LearnerFactory(rank=Rank.COUNSELLOR), LearnerFactory()
    assigned, unassigned = InstructorFactory(), InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=assigned)
    enrollment = services.apply(learner=learner, cycle=cycle)
    services.apply(learner=other, cycle=cycle)
    lesson = programme.modules().first().lessons().first()
    services.complete_lesson(learner=learner, lesson=lesson)
    certificate = enrollment.certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    change = ProfileChangeRequest.objects.create(
        user=learner, rank=Rank.AMBASSADOR, member_state=learner.member_state
    )
    focal = FocalPoint.objects.create(user=LearnerFactory(), member_state="GHA")
    quota = MissionQuota.objects.create(cycle=cycle, member_state="GHA", quota=3)
    invitee = LearnerFactory()
    _invitation, token = invitations.invite(user=invitee)
    session = make_session(cycle, instructor=assigned)
    calendar = seminar_services.calendar_token(user=learner)
    args = {
        "token": token,
        "code": cycle.code,
        "cycle_pk": cycle.pk,
        "lesson_id": lesson.pk,
        "serial": certificate.serial,
        "uidb64": "MA",
        "reset_token": "set-password",
        "user_id": learner.pk,
        "module_id": programme.modules().first().pk,
        "session_pk": session.pk,
        "calendar_token": calendar.token,
        "learner_id": learner.pk,
    }
    # `pk` names a different model on each screen.
    pks = {
        "cycles": cycle.pk,
        "roster": enrollment.pk,
        "courses": enrollment.pk,
        "evaluations": enrollment.pk,
        "certificates_admin": certificate.pk,
        "change_requests": change.pk,
        "outbox_admin": OutboxMessage.objects.first().pk,
        "missions": learner.pk,
        "focal_points": focal.pk,
        "mission_quotas": quota.pk,
        # --- content names (cms/viewsets.py) ---
        "content_translations": ContentTranslation.objects.create(
            content_type=ContentType.objects.get_for_model(cycle),
            object_id=cycle.pk,
            field="title",
            language=next(c for c, _n in settings.LANGUAGES if c != settings.LANGUAGE_CODE),
            text="PATIT",
        ).pk,
    }
    actors = {
        "anonymous": None,
        "learner": learner,
        "other_learner": other,
        "assigned_instructor": assigned,
        "unassigned_instructor": unassigned,
        "administrator": AdministratorFactory(),
    }
    return args, pks, actors, certificate


def url_for(name, params, args, pks, certificate):
    kwargs = {}
    for param in params:
        if param == "pk":
            kwargs["pk"] = pks[name.split(":")[0]]
        elif param == "code" and name.startswith("certificates:"):
            kwargs["code"] = certificate.code
        elif param == "token" and name.startswith("password_reset"):
            kwargs["token"] = args["reset_token"]  # a made-up link: "not valid" page
        elif param == "token" and name.startswith("seminars:"):
            kwargs["token"] = args["calendar_token"]
        else:
            kwargs[param] = args[param]
    return reverse(name, kwargs=kwargs)


def test_every_project_url_has_an_access_rule():
    names = {name for name, _route, _params in project_urls()}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"add an access rule to EXPECTED for: {missing}"
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"EXPECTED names URLs that no longer exist: {stale}"


@pytest.mark.slow  # every role x every URL: ~2,800 requests in one test
def test_each_actor_gets_what_the_table_says(client, world):
    args, pks, actors, certificate = world
    mismatches = []
    for name, _route, params in project_urls():
        url = url_for(name, params, args, pks, certificate)
        for actor_name, user in actors.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            status = client.get(url).status_code
            expected = EXPECTED.get(name, {}).get(actor_name)
            if status != expected:
                mismatches.append(f"{name} as {actor_name}: got {status}, expected {expected}")
    assert not mismatches, "\n".join(mismatches)


# --- Closed accounts and staff without their second factor (issue 19) ---------------------
# A deactivated staff member and an erased learner, whose sessions outlived the closing,
# reach exactly what an anonymous visitor does. An administrator who signed in with the
# password but has not enrolled two-factor yet (REQUIRE_ADMIN_2FA on, as in production)
# reaches the enrolment flow and the pages that need no account; every other page sends
# them to the enrolment (302), public ones included.
STAFF_WITHOUT_2FA_OPEN = {
    "two_factor_setup": 200,
    "two_factor_verify": 302,  # no device yet: to the enrolment
    "two_factor_enrol": 404,  # a made-up link
    "healthz": 200,
    "healthz_services": 200,
    "wagtailadmin_logout": 405,  # signing out is open, and POST only
    "set_language": 405,
    "invitation": 200,
    "password_reset": 200,
    "password_reset_done": 200,
    "password_reset_confirm": 200,
    "password_reset_complete": 200,
}


def expected_for_closed(name: str, actor: str) -> int:
    if actor == "staff_without_2fa":
        return STAFF_WITHOUT_2FA_OPEN.get(name, 302)
    return EXPECTED[name]["anonymous"]


@pytest.mark.slow  # three actors x every URL
def test_closed_accounts_and_staff_without_2fa_reach_no_more_than_a_visitor(
    client, world, settings
):
    from people.personal_data import erase_person

    args, pks, _actors, certificate = world
    settings.REQUIRE_ADMIN_2FA = True
    deactivated = AdministratorFactory()
    erased = LearnerFactory()
    actors = {
        "deactivated_staff": deactivated,
        "erased_learner": erased,
        "staff_without_2fa": AdministratorFactory(),
    }
    sessions = {}
    for actor_name, user in actors.items():  # signed in before the account was closed
        client.force_login(user)
        sessions[actor_name] = client.cookies["sessionid"].value
    deactivated.is_active = False
    deactivated.save()
    erase_person(user=erased, by=AdministratorFactory(), reason="Request of the person")

    mismatches = []
    for name, _route, params in project_urls():
        url = url_for(name, params, args, pks, certificate)
        for actor_name in actors:
            client.cookies["sessionid"] = sessions[actor_name]
            status = client.get(url).status_code
            expected = expected_for_closed(name, actor_name)
            if status != expected:
                mismatches.append(f"{name} as {actor_name}: got {status}, expected {expected}")
    assert not mismatches, "\n".join(mismatches)


# --- Curriculum pages per programme (issue 20): an instructor edits the pages of the
# programmes they teach a cycle of, and no other programme's (Wagtail's edit view refuses
# with a redirect to its dashboard, not a 403).


def test_an_instructor_edits_only_the_pages_of_the_programmes_they_teach(client):
    ours, theirs = (ProgrammeFactory(modules=1, seminar=False, lessons=1) for _ in range(2))
    instructor = InstructorFactory()
    services.assign_instructor(
        cycle=CycleFactory(programme=ours, seminar_requirement="none"), instructor=instructor
    )
    client.force_login(instructor)

    def status(page):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if response.status_code == 302:  # how Wagtail's admin refuses: back to its dashboard
            assert response["Location"] == reverse("wagtailadmin_home")
        return response.status_code

    for programme, expected in ((ours, 200), (theirs, 302)):
        lesson = programme.modules().first().lessons().first()
        assert [status(programme), status(lesson)] == [expected, expected], programme.title
    # Unassigned from their last cycle of the programme, they edit its pages no more.
    services.unassign_instructor(cycle=ours.cycles.get(), instructor=instructor)
    assert status(ours) == 302


def test_a_page_submitted_for_moderation_goes_to_its_own_programmes_workflow(client):
    """Each programme's pages have their own workflow (made with the programme's page):
    A's lesson waits for A's moderators, who cannot approve B's; the Administrators hold
    both."""
    from django.contrib.auth.models import Group
    from wagtail.models import WorkflowState

    from cms.models import LessonPage
    from courses.services.page_rights import moderators_group_name, workflow_name

    a, b = (ProgrammeFactory(modules=1, seminar=False, lessons=1) for _ in range(2))
    lesson_a, lesson_b = (LessonPage.objects.descendant_of(p).get() for p in (a, b))
    assert lesson_a.get_workflow().name == workflow_name(a)
    assert lesson_b.get_workflow().name == workflow_name(b)
    assert a.get_workflow() != b.get_workflow()

    instructor = InstructorFactory()
    services.assign_instructor(
        cycle=CycleFactory(programme=a, seminar_requirement="none"), instructor=instructor
    )
    moderator_a, moderator_b = InstructorFactory(), InstructorFactory()
    moderator_a.groups.add(Group.objects.get(name=moderators_group_name(a)))
    moderator_b.groups.add(Group.objects.get(name=moderators_group_name(b)))

    revision = lesson_a.save_revision(user=instructor)
    state = lesson_a.get_workflow().start(lesson_a, instructor)
    assert state.workflow.name == workflow_name(a)
    task_state = state.current_task_state
    assert WorkflowState.objects.get(object_id=str(lesson_a.pk)).workflow == a.get_workflow()

    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson_a.pk, "approve", task_state.pk]
    )
    # B's moderator is refused (Wagtail sends them back to its dashboard) ...
    client.force_login(moderator_b)
    response = client.post(approve, {"comment": ""})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    state.refresh_from_db()
    assert state.status == "in_progress"
    # ... A's moderator approves, which publishes the revision.
    client.force_login(moderator_a)
    response = client.post(approve, {"comment": "Accurate."})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == "approved"
    lesson_a.refresh_from_db()
    assert lesson_a.live_revision_id == revision.pk

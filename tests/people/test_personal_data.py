"""Personal data: an administrator exports everything held about a person, and erases a
person on request; inactive learners are erased after RETENTION_INACTIVE_DAYS."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts.models import CertificateName, ProfileChangeRequest, Rank, User
from certificates import services as certificate_services
from certificates.models import Certificate
from core import roles
from courses import services
from courses.models import Enrollment, EnrollmentEvent
from people import personal_data
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

RIGHT = {"q0": "1", "q1": "1"}
WRONG = {"q0": "0", "q1": "2"}

# Every concrete field of the User model, classified. A field added to the model fails
# test_every_user_field_is_classified until it is put in one of these sets (and, if it is
# personal, erased by people/personal_data.py).
PSEUDONYMISED = {
    "email",
    "first_name",
    "last_name",
    "certificate_name",
    "password",
    "last_login",
}
KEPT = {
    "id",  # the audit rows and certificates point at it
    "member_state",
    "rank",  # not identifying alone; programme statistics per mission
    "preferred_language",
    "date_joined",  # not identifying
    "is_active",
    "is_staff",
    "is_superuser",  # set to False by the erasure
}


@pytest.fixture
def history():
    """A learner who applied, failed and passed a knowledge check, attended the seminar,
    holds an issued certificate and asked for a rank change."""
    programme = ProgrammeFactory(modules=1, seminar=True, lessons=1, checks=True)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="all")
    admin = AdministratorFactory()
    learner = LearnerFactory(
        email="amina.haddad@missions.example.org",
        first_name="Amina",
        last_name="Haddad",
        certificate_name="H.E. Ms. Amina Haddad",
        certificate_names={"ar": "أمينة حداد", "fr": "S.E. Mme Amina Haddad"},
        member_state="JOR",
        rank=Rank.AMBASSADOR,
        preferred_language="ar",
    )
    learner.last_login = timezone.now()
    learner.save(update_fields=["last_login"])
    enrollment = services.apply(learner=learner, cycle=cycle)
    lesson = programme.modules().first().lessons().first()
    block_id = next(iter(services.knowledge_checks(lesson)))
    services.submit_knowledge_check(
        learner=learner, lesson=lesson, block_id=block_id, answers=WRONG
    )
    services.submit_knowledge_check(
        learner=learner, lesson=lesson, block_id=block_id, answers=RIGHT
    )
    services.record_attendance(enrollment=enrollment, attended=True, by=admin)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    certificate = enrollment.certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    ProfileChangeRequest.objects.create(
        user=learner, rank=Rank.DEPUTY, member_state="JOR", note="I am Amina Haddad, now deputy."
    )
    return learner, admin, enrollment, certificate


def test_the_export_holds_everything_about_the_person(history):
    learner, admin, enrollment, certificate = history
    data = json.loads(
        json.dumps(personal_data.export_person(user=learner), cls=personal_data.JSONEncoder)
    )

    assert data["profile"]["email"] == "amina.haddad@missions.example.org"
    assert data["profile"]["certificate_names"] == {
        "ar": "أمينة حداد",
        "fr": "S.E. Mme Amina Haddad",
    }
    assert data["profile"]["member_state"] == "JOR"
    assert "password" not in data["profile"]
    assert data["roles"] == [roles.LEARNERS]
    [exported] = data["enrollments"]
    assert exported["cycle"] == enrollment.cycle.code
    assert exported["status"] == "completed"
    assert [e["action"] for e in exported["events"]] == list(
        enrollment.events.values_list("action", flat=True)
    )
    assert len(exported["lesson_completions"]) == 1
    assert [a["passed"] for a in exported["knowledge_check_attempts"]] == [False, True]
    assert exported["knowledge_check_attempts"][0]["answers"] == {"0": 0, "1": 2}  # WRONG
    assert exported["seminar_attendance"]["attended"] is True
    [cert] = exported["certificates"]
    assert cert["serial"] == certificate.serial
    assert cert["code"] == certificate.code
    assert cert["printed_name"] == certificate.printed_name == "أمينة حداد"
    assert cert["status"] == "issued"
    [change] = data["change_requests"]
    assert change["rank"] == "deputy"
    assert change["note"] == "I am Amina Haddad, now deputy."


def test_an_administrator_downloads_the_export_and_others_cannot(client, history):
    learner, admin, _enrollment, _certificate = history
    url = reverse("personal_data_export", args=[learner.pk])
    client.force_login(admin)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["profile"]["email"] == learner.email

    # Staff who are not administrators are sent to the admin's home (Wagtail's answer to
    # PermissionDenied), without the file.
    client.force_login(InstructorFactory())
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    client.force_login(learner)
    assert client.get(url).status_code == 302  # a learner has no admin at all


def test_every_user_field_is_classified():
    concrete = {f.name for f in User._meta.concrete_fields}
    assert concrete == PSEUDONYMISED | KEPT, (
        f"classify these User fields in tests/accounts/test_personal_data.py and "
        f"people/personal_data.py: {sorted(concrete ^ (PSEUDONYMISED | KEPT))}"
    )


def test_erasure_leaves_no_personal_field_and_keeps_the_certificate_verifiable(client, history):
    learner, admin, enrollment, certificate = history
    before = {f.attname: getattr(learner, f.attname) for f in User._meta.concrete_fields}
    TOTPDevice.objects.create(user=learner, name="default", confirmed=True)
    printed = certificate.printed_name

    personal_data.erase_person(user=learner, by=admin, reason="Request of 3 March, ref. 12")

    learner.refresh_from_db()
    for name in PSEUDONYMISED:
        field = User._meta.get_field(name)
        value = getattr(learner, field.attname)
        assert before[field.attname], f"the fixture should fill {name}"
        assert value != before[field.attname], name
        if isinstance(value, str) and before[field.attname]:
            assert before[field.attname] not in value, name
    assert learner.email == f"erased-{learner.pk}@erased.invalid"
    assert learner.first_name == learner.last_name == ""
    assert learner.certificate_name == ""
    assert not CertificateName.objects.filter(user=learner).exists()
    assert not learner.has_usable_password()
    assert learner.last_login is None
    assert learner.is_active is False
    assert not learner.groups.exists()
    # Kept: not identifying alone, and what the programme's statistics use.
    assert (learner.member_state, learner.rank) == ("JOR", Rank.AMBASSADOR)
    # Free text the person wrote about themselves goes; the decision history stays.
    assert ProfileChangeRequest.objects.get(user=learner).note == ""
    assert not TOTPDevice.objects.filter(user=learner).exists()

    # The audit trail is whole, and the person's own actions point at the pseudonym.
    assert EnrollmentEvent.objects.filter(enrollment=enrollment).count() >= 2
    applied = EnrollmentEvent.objects.get(enrollment=enrollment, action="applied")
    assert applied.actor_id == learner.pk
    assert str(applied.actor) == learner.email
    # The erasure itself is in the person's admin history, with who and why.
    entry = ModelLogEntry.objects.get(action="lms.erase_person")
    assert entry.user_id == admin.pk
    assert entry.data["reason"] == "Request of 3 March, ref. 12"
    assert "amina" not in entry.label.lower()

    # The certificate still verifies, with the name it printed.
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.printed_name == printed
    response = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    assert response.status_code == 200
    assert printed in response.content.decode()
    # And nobody signs in as the person any more.
    client.logout()
    response = client.post(
        reverse("login"), {"username": before["email"], "password": "correct-horse-battery"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_erasure_removes_the_name_from_reasons_written_about_the_person(history):
    learner, admin, enrollment, _certificate = history
    EnrollmentEvent.objects.filter(enrollment=enrollment, action="applied").update(
        reason="Amina Haddad (amina.haddad@missions.example.org) called the desk."
    )
    personal_data.erase_person(user=learner, by=admin, reason="Request")
    reason = EnrollmentEvent.objects.get(enrollment=enrollment, action="applied").reason
    assert "Amina" not in reason and "amina.haddad" not in reason
    assert "called the desk" in reason


def test_erasure_is_refused_without_reason_for_non_administrators_and_while_enrolled(history):
    learner, admin, _enrollment, _certificate = history
    with pytest.raises(personal_data.PersonalDataError):
        personal_data.erase_person(user=learner, by=admin, reason="  ")
    with pytest.raises(personal_data.PersonalDataError):
        personal_data.erase_person(user=learner, by=InstructorFactory(), reason="Request")
    with pytest.raises(personal_data.PersonalDataError):
        personal_data.erase_person(user=admin, by=admin, reason="Request")

    waiting = LearnerFactory()
    cycle = CycleFactory(capacity=5)
    services.apply(learner=waiting, cycle=cycle)
    with pytest.raises(personal_data.PersonalDataError, match=cycle.code):
        personal_data.erase_person(user=waiting, by=admin, reason="Request")
    waiting.refresh_from_db()
    assert waiting.is_active and waiting.email.endswith("@missions.example.org")


def test_an_administrator_erases_through_the_admin_screen(client, history):
    learner, admin, _enrollment, _certificate = history
    url = reverse("personal_data", args=[learner.pk])
    client.force_login(admin)
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("personal_data_export", args=[learner.pk]).encode() in page.content

    # Without a reason nothing happens.
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.is_active

    response = client.post(url, {"reason": "Request of 3 March", "confirm": "on"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert not learner.is_active
    assert learner.email.endswith("@erased.invalid")


def test_the_user_list_links_administrators_to_personal_data(client):
    admin = AdministratorFactory()
    learner = LearnerFactory()
    client.force_login(admin)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    assert reverse("personal_data", args=[learner.pk]).encode() in response.content


def _age(user, *, days):
    past = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=user.pk).update(last_login=past, date_joined=past)


def test_retention_erases_learners_inactive_longer_than_the_setting(settings, history):
    learner, admin, _enrollment, certificate = history
    settings.RETENTION_INACTIVE_DAYS = 365
    old = LearnerFactory()
    recent = LearnerFactory()
    never_signed_in_old = LearnerFactory(last_login=None)
    staff = InstructorFactory()
    waiting = LearnerFactory()
    services.apply(learner=waiting, cycle=CycleFactory(capacity=5))
    for user in (old, waiting, staff, learner):
        _age(user, days=400)
    User.objects.filter(pk=never_signed_in_old.pk).update(
        date_joined=timezone.now() - timedelta(days=400)
    )
    _age(recent, days=30)

    call_command("apply_retention")

    erased = set(User.objects.filter(is_active=False).values_list("pk", flat=True))
    # The certificate holder (completed, no live enrollment) goes too; the certificate stays.
    assert erased == {old.pk, never_signed_in_old.pk, learner.pk}
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert ModelLogEntry.objects.filter(action="lms.erase_person").count() == 3


def test_retention_is_off_by_default_and_dry_run_writes_nothing(settings, capsys):
    assert settings.RETENTION_INACTIVE_DAYS == 0
    old = LearnerFactory()
    _age(old, days=4000)
    call_command("apply_retention")
    assert User.objects.get(pk=old.pk).is_active

    settings.RETENTION_INACTIVE_DAYS = 30
    call_command("apply_retention", "--dry-run")
    assert User.objects.get(pk=old.pk).is_active
    assert old.email in capsys.readouterr().out

"""Announcements reach exactly the chosen audience, once each, in their language."""

import pytest
from django.urls import reverse

from courses import services as course_services
from outbox.models import OutboxMessage
from outbox.services import send_pending
from seminars import services
from seminars.announcements import announce
from seminars.exceptions import SessionError
from seminars.models import AnnouncementReceipt
from tests.factories import InstructorFactory

from .helpers import make_session, seated_learner, seminar_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle_world():
    """Two seated learners in different sessions (one French), one waitlisted, one who
    withdrew, and a learner of another cycle."""
    _programme, cycle = seminar_cycle(capacity=3)
    morning, afternoon = make_session(cycle), make_session(cycle, days=11)
    french, _ = seated_learner(cycle, preferred_language="fr")
    arabic, _ = seated_learner(cycle, preferred_language="ar")
    gone, gone_enrollment = seated_learner(cycle)
    waiting, _ = seated_learner(cycle)
    course_services.withdraw(enrollment=gone_enrollment, by=gone)  # `waiting` takes the seat
    late, _ = seated_learner(cycle)  # waitlisted
    services.choose_session(learner=french, session=morning)
    services.choose_session(learner=arabic, session=afternoon)
    outsider, _ = seated_learner(seminar_cycle()[1])
    instructor = InstructorFactory()
    course_services.assign_instructor(cycle=cycle, instructor=instructor)
    return dict(
        cycle=cycle,
        morning=morning,
        french=french,
        arabic=arabic,
        gone=gone,
        waiting=waiting,
        late=late,
        outsider=outsider,
        instructor=instructor,
    )


def send(w, audience, session=None, **extra):
    return announce(
        cycle=w["cycle"],
        audience=audience,
        session=session,
        subject="Room change",
        body="The seminar moves to Room XX.",
        by=w["instructor"],
        **extra,
    )


@pytest.mark.parametrize(
    "audience, session, expected",
    [
        ("everyone", None, {"french", "arabic", "waiting", "late"}),
        ("seated", None, {"french", "arabic", "waiting"}),
        ("waitlisted", None, {"late"}),
        ("session", "morning", {"french"}),
    ],
)
def test_exactly_the_chosen_audience_once(
    cycle_world, mailoutbox, audience, session, expected, django_capture_on_commit_callbacks
):
    w = cycle_world
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        announcement = send(w, audience, w[session] if session else None)
    addresses = sorted(message.to[0] for message in mailoutbox)
    assert addresses == sorted(w[name].email for name in expected)
    assert set(announcement.receipts.values_list("recipient__email", flat=True)) == {
        w[name].email for name in expected
    }
    # Sent through the outbox, one message per recipient; sending again sends nothing more.
    assert OutboxMessage.objects.filter(kind="seminars.announcement").count() == len(expected)
    send_pending()  # also sends the enrollment e-mails the fixture left in the outbox
    assert len([m for m in mailoutbox if m.subject.endswith("Room change")]) == len(expected)


def test_each_learner_reads_it_in_their_language_on_mail_and_dashboard(
    cycle_world, mailoutbox, client, django_capture_on_commit_callbacks
):
    w = cycle_world
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send(
            w,
            "seated",
            translations={"fr": ("Changement de salle", "Le séminaire a lieu en salle XX.")},
        )
    by_address = {message.to[0]: message for message in mailoutbox}
    assert by_address[w["french"].email].subject.endswith("Changement de salle")
    assert "Le séminaire a lieu en salle XX." in by_address[w["french"].email].body
    assert "Room XX" not in by_address[w["french"].email].body
    # No Arabic version was written: the Arabic reader gets the English text.
    assert by_address[w["arabic"].email].subject.endswith("Room change")
    client.force_login(w["french"])
    assert (
        "Le séminaire a lieu en salle XX."
        in client.get(reverse("courses:my_learning")).content.decode()
    )
    client.force_login(w["late"])
    assert "Room XX" not in client.get(reverse("courses:my_learning")).content.decode()


def test_any_language_may_be_written_but_not_half_of_one(cycle_world):
    announcement = send(
        cycle_world, "seated", translations={"zh-hans": ("换教室", "研讨会改在XX教室。")}
    )
    assert announcement.text_in("zh-hans") == ("换教室", "研讨会改在XX教室。")
    assert announcement.text_in("ru") == ("Room change", "The seminar moves to Room XX.")
    with pytest.raises(SessionError):
        send(cycle_world, "seated", translations={"es": ("Cambio de sala", "")})
    with pytest.raises(SessionError):
        send(cycle_world, "seated", translations={"de": ("Raumwechsel", "Raum XX.")})


def test_the_admin_form_has_a_subject_and_message_per_language_but_english(
    cycle_world, client, settings
):
    client.force_login(cycle_world["instructor"])
    url = reverse("seminars_admin:announce", args=[cycle_world["cycle"].pk])
    page = client.get(url).content.decode()
    for code, _name in settings.LANGUAGES:
        key = code.replace("-", "_")
        assert (f'name="subject_{key}"' in page) == (code != settings.LANGUAGE_CODE), code
    response = client.post(
        url,
        {
            "audience": "seated",
            "subject": "Room change",
            "body": "Room XX.",
            "subject_ru": "Смена зала",
            "body_ru": "Зал XX.",
        },
    )
    assert response.status_code == 302
    announcement = cycle_world["cycle"].announcements.get()
    assert announcement.text_in("ru") == ("Смена зала", "Зал XX.")
    assert list(announcement.translations.values_list("language", flat=True)) == ["ru"]


def test_a_receipt_is_unique_per_recipient(cycle_world):
    from django.db import IntegrityError, transaction

    announcement = send(cycle_world, "seated")
    receipt = announcement.receipts.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnouncementReceipt.objects.create(
            announcement=announcement, enrollment=receipt.enrollment, recipient=receipt.recipient
        )


def test_instructors_write_only_to_their_own_cycles(cycle_world, client):
    w = cycle_world
    stranger = InstructorFactory()
    with pytest.raises(SessionError, match="Only the cycle's instructors"):
        announce(cycle=w["cycle"], audience="everyone", subject="x", body="y", by=stranger)
    with pytest.raises(SessionError, match="Choose one of this cycle's sessions"):
        send(w, "session", None)
    other_session = make_session(seminar_cycle()[1])
    with pytest.raises(SessionError, match="Choose one of this cycle's sessions"):
        send(w, "session", other_session)
    assert not AnnouncementReceipt.objects.exists()
    url = reverse("seminars_admin:announce", args=[w["cycle"].pk])
    client.force_login(w["instructor"])
    response = client.post(
        url, {"audience": "waitlisted", "subject": "Hello", "body": "A seat may free up."}
    )
    assert response.status_code == 302
    assert AnnouncementReceipt.objects.get().recipient == w["late"]

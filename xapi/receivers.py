"""Where statements are written: on the audit and progress rows the services save, in the
service's own transaction (a `post_save` runs inside it). The outbox row commits or rolls
back with the change it reports; its `dedup_key` (the statement id) makes one event one
row, however often a service or a retry saves the same fact. Nothing is written while
XAPI_LRS_URL is unset."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from certificates.models import Certificate
from courses.models import (
    Enrollment,
    EnrollmentEvent,
    KnowledgeCheckAttempt,
    LessonCompletion,
    SeminarAttendance,
)

from . import statements as st

S = Enrollment.Status
A = EnrollmentEvent.Action
# Audited acts that leave the status as it was (their row repeats the current status).
NOT_A_CHANGE = {A.REPRIORITISED, A.DEADLINE_EXTENDED}


def enabled() -> bool:
    return bool(settings.XAPI_LRS_URL)


def _write(statement: dict) -> None:
    from outbox.services import enqueue

    from .lrs import STATEMENT

    enqueue(kind=STATEMENT, payload={"statement": statement}, dedup_key=f"xapi:{statement['id']}")


@receiver(post_save, sender=EnrollmentEvent, dispatch_uid="xapi.enrollment_event")
def enrollment_event(sender, instance: EnrollmentEvent, created: bool, **kwargs) -> None:
    if not created or not enabled() or instance.action in NOT_A_CHANGE:
        return
    enrollment, when = instance.enrollment, instance.created_at
    kinds = []
    if instance.action == A.APPLIED:
        kinds.append("applied")
    if instance.to_status == S.ENROLLED and instance.from_status != S.ENROLLED:
        kinds.append("seated")
    if instance.to_status == S.WITHDRAWN:
        kinds.append("withdrew")
    if instance.to_status == S.COMPLETED:
        kinds.append("cycle_completed")
    cycle = st.cycle_activity(enrollment.cycle)
    for kind in kinds:
        # An enrollment applies, takes its seat, leaves or completes once: its id is the key.
        _write(
            st.build(
                kind,
                ids=(enrollment.pk,),
                enrollment=enrollment,
                when=when,
                obj=cycle,
                extensions={"action": instance.action} if kind == "withdrew" else None,
            )
        )


@receiver(post_save, sender=LessonCompletion, dispatch_uid="xapi.lesson_completion")
def lesson_completed(sender, instance: LessonCompletion, created: bool, **kwargs) -> None:
    if not created or not enabled():
        return
    _write(
        st.build(
            "lesson_completed",
            ids=(instance.enrollment_id, instance.lesson_id),
            enrollment=instance.enrollment,
            when=instance.completed_at,
            obj=st.page_activity(instance.lesson, type_="lesson"),
            result={"completion": True},
        )
    )


@receiver(post_save, sender=KnowledgeCheckAttempt, dispatch_uid="xapi.knowledge_check")
def knowledge_check(sender, instance: KnowledgeCheckAttempt, created: bool, **kwargs) -> None:
    if not created or not enabled():
        return
    lesson = st.page_activity(instance.lesson, type_="lesson")
    check = st.activity(
        f"{lesson['id']}#check-{instance.block_id}",
        type_="assessment",
        name=f"Knowledge check: {instance.lesson.title}",
    )
    _write(
        st.build(
            "check_passed" if instance.passed else "check_failed",
            ids=(instance.pk,),  # every attempt is an event of its own
            enrollment=instance.enrollment,
            when=instance.created_at,
            obj=check,
            parent=lesson,
            result={
                "success": instance.passed,
                "completion": True,
                "score": {
                    "scaled": instance.score / 100,
                    "raw": instance.score,
                    "min": 0,
                    "max": 100,
                },
            },
        )
    )


@receiver(post_save, sender=SeminarAttendance, dispatch_uid="xapi.seminar_attendance")
def attended(sender, instance: SeminarAttendance, **kwargs) -> None:
    if not instance.attended or not enabled():
        return
    from cms.models import ModulePage

    enrollment = instance.enrollment
    seminar = (
        ModulePage.objects.child_of(enrollment.cycle.programme)
        .filter(kind=ModulePage.Kind.SEMINAR)
        .first()
    )
    obj = (
        st.page_activity(seminar, type_="meeting")
        if seminar
        else st.cycle_activity(enrollment.cycle)
    )
    # Recorded present once per enrollment, whatever corrections follow.
    _write(
        st.build(
            "attended",
            ids=(enrollment.pk,),
            enrollment=enrollment,
            when=instance.recorded_at,
            obj=obj,
        )
    )


def _certificate_activity(certificate: Certificate) -> dict:
    url = st.absolute(reverse("certificates:verify_code", args=[certificate.code]))
    return st.activity(
        url,
        type_=f"{settings.PUBLIC_BASE_URL}/xapi/activities/certificate",
        name=f"Certificate {certificate.serial}",
    )


@receiver(post_save, sender=Certificate, dispatch_uid="xapi.certificate")
def certificate(sender, instance: Certificate, created: bool, update_fields=None, **kwargs) -> None:
    if not enabled():
        return
    if created:
        kind, when, extensions = "certificate_earned", instance.created_at, None
    elif instance.status == Certificate.Status.REVOKED and "status" in (update_fields or ()):
        kind, when = "certificate_revoked", instance.revoked_at
        extensions = {"reason": instance.revoked_reason}
    else:
        return
    _write(
        st.build(
            kind,
            ids=(instance.pk,),
            enrollment=instance.enrollment,
            when=when,
            obj=_certificate_activity(instance),
            extensions=extensions,
        )
    )

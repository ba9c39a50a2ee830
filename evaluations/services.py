"""Answering the end-of-cycle evaluation (once per enrollment, anonymously)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.exceptions import EnrollmentError
from courses.models import Enrollment

from .models import EvaluationDone, EvaluationForm, EvaluationResponse


class EvaluationError(EnrollmentError):
    pass


def form_for(enrollment: Enrollment) -> EvaluationForm | None:
    return EvaluationForm.objects.filter(programme_id=enrollment.programme_id).first()


def is_offered(enrollment: Enrollment) -> bool:
    """Offered to learners who completed the cycle and to those who attended its seminar."""
    if enrollment.status == Enrollment.Status.COMPLETED:
        return True
    attendance = getattr(enrollment, "seminar_attendance", None)
    return enrollment.status == Enrollment.Status.ENROLLED and bool(
        attendance and attendance.attended
    )


@transaction.atomic
def answer(*, enrollment: Enrollment, answers: dict) -> EvaluationResponse:
    """Record one anonymous response for this enrollment's cycle: every rating 1-5, text
    optional; a second answer is refused (the `EvaluationDone` row is unique)."""
    form = form_for(enrollment)
    if form is None or not is_offered(enrollment):
        raise EvaluationError(_("There is no evaluation for you to answer in this cycle."))
    clean: dict[str, int | str] = {}
    for question in form.question_list():
        raw = str(answers.get(question["id"], "")).strip()
        if question["kind"] == "rating":
            if raw not in {"1", "2", "3", "4", "5"}:
                raise EvaluationError(_("Give every rating from 1 to 5."))
            clean[question["id"]] = int(raw)
        elif raw:
            clean[question["id"]] = raw[:4000]
    try:
        with transaction.atomic():
            EvaluationDone.objects.create(enrollment=enrollment)
    except IntegrityError as error:
        raise EvaluationError(_("You have already answered this evaluation; thank you.")) from error
    return EvaluationResponse.objects.create(form=form, cycle_id=enrollment.cycle_id, answers=clean)

"""Evaluation results without names: counts and averages per rating question, comments per
free-text question. Nothing here reads a learner, and nothing is returned below
EVALUATION_MIN_ANSWERS answers (one answer is one person's words)."""

from __future__ import annotations

from django.conf import settings

from .models import EvaluationForm, EvaluationResponse


def results_for(*, cycle) -> dict:
    form = EvaluationForm.objects.filter(programme_id=cycle.programme_id).first()
    responses = list(
        EvaluationResponse.objects.filter(cycle=cycle).values_list("answers", flat=True)
    )
    minimum = settings.EVALUATION_MIN_ANSWERS
    if len(responses) < minimum:
        # Neither the questions' figures nor the exact count: "1 response" the day a
        # learner completed says whose it is.
        return {"form": form, "hidden": True, "minimum": minimum, "questions": []}
    questions = []
    for question in form.question_list() if form else []:
        values = [answers[question["id"]] for answers in responses if question["id"] in answers]
        item = {**question, "count": len(values)}
        if question["kind"] == "rating":
            item["average"] = round(sum(values) / len(values), 2) if values else None
            item["distribution"] = [values.count(score) for score in range(1, 6)]
        else:
            item["comments"] = sorted(values)  # sorted: the order of answering is not shown
        questions.append(item)
    return {
        "form": form,
        "hidden": False,
        "minimum": minimum,
        "responses": len(responses),
        "questions": questions,
    }

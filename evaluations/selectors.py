"""Evaluation results without names: counts and averages per rating question, comments per
free-text question. Nothing here reads a learner."""

from __future__ import annotations

from .models import EvaluationForm, EvaluationResponse


def results_for(*, cycle) -> dict:
    form = EvaluationForm.objects.filter(programme_id=cycle.programme_id).first()
    responses = list(
        EvaluationResponse.objects.filter(cycle=cycle).values_list("answers", flat=True)
    )
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
    return {"form": form, "responses": len(responses), "questions": questions}

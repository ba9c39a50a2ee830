"""Whether a dashboard card offers the evaluation (one query per page, kept on the request)."""

from django import template

from ..models import EvaluationDone, EvaluationForm
from ..services import is_offered

register = template.Library()


@register.simple_tag(takes_context=True)
def evaluation_offered(context, enrollment) -> bool:
    request = context.get("request")
    cache = getattr(request, "_evaluations", None)
    if cache is None:
        cache = {
            "forms": set(EvaluationForm.objects.values_list("programme_id", flat=True)),
            "done": set(
                EvaluationDone.objects.filter(
                    enrollment__learner_id=enrollment.learner_id
                ).values_list("enrollment_id", flat=True)
            ),
        }
        request._evaluations = cache
    return (
        enrollment.programme_id in cache["forms"]
        and enrollment.pk not in cache["done"]
        and is_offered(enrollment)
    )

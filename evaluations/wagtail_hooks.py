from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import EvaluationForm

register_snippet(EvaluationForm)


@hooks.register("register_admin_urls")
def register_evaluation_admin_urls():
    from .admin_views import ResultsView

    urls = [path("cycle/<int:cycle_pk>/", ResultsView.as_view(), name="results")]
    return [
        path("evaluations/", include((urls, "evaluations_admin"), namespace="evaluations_admin"))
    ]

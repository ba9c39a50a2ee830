"""The learner's evaluation form (a plain form, no JavaScript)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from courses.models import Enrollment

from . import services
from .models import EvaluationDone


@login_required
def answer(request, pk):
    # Another learner's enrollment is a 404, as on every learner page.
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("cycle", "seminar_attendance"),
        pk=pk,
        learner=request.user,
    )
    form = services.form_for(enrollment)
    if request.method == "POST":
        try:
            services.answer(enrollment=enrollment, answers=request.POST)
        except services.EvaluationError as error:
            messages.error(request, error.message)
            return redirect("evaluations:answer", pk=pk)
        messages.success(request, _("Thank you: your answers are recorded without your name."))
        return redirect("courses:my_learning")
    return render(
        request,
        "evaluations/answer.html",
        {
            "enrollment": enrollment,
            "form": form,
            "offered": form is not None and services.is_offered(enrollment),
            "done": EvaluationDone.objects.filter(enrollment=enrollment).exists(),
            "scores": range(1, 6),
        },
    )

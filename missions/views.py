"""The mission pages: a focal point sees their mission's diplomats and the open cycles,
nominates, and follows each nominee. Another mission's diplomat is a 404; anyone who is
not a focal point gets 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.exceptions import ApplicationsClosed, EnrollmentError
from courses.models import Cycle

from . import selectors, services
from .forms import NominationForm
from .quotas import quota_refusal


def _focal_point(request):
    focal = services.focal_point_of(request.user)
    if focal is None:
        raise PermissionDenied
    return focal


@login_required
def home(request):
    focal = _focal_point(request)
    return render(
        request,
        "missions/home.html",
        {
            "focal": focal,
            "diplomats": selectors.diplomats_of(focal=focal),
            "cycles": [
                {
                    **row,
                    "refusal": quota_refusal(cycle=row["cycle"], member_state=focal.member_state),
                }
                for row in selectors.open_cycles(focal=focal)
            ],
            "nominees": selectors.nominees_of(focal=focal),
        },
    )


@login_required
def diplomat(request, pk):
    focal = _focal_point(request)
    person = get_object_or_404(selectors.diplomats_of(focal=focal), pk=pk)
    return render(
        request,
        "missions/diplomat.html",
        {
            "focal": focal,
            "person": person,
            "enrollments": selectors.diplomat_enrollments(diplomat=person),
        },
    )


@login_required
def diplomat_record(request, pk, fmt):
    """A diplomat's learner record (certificates/services/records.py), in their language:
    for their mission's focal point only (another mission's diplomat is a 404)."""
    from certificates import services as certificate_services
    from certificates.views import record_response

    focal = _focal_point(request)
    person = get_object_or_404(selectors.diplomats_of(focal=focal), pk=pk)
    return record_response(certificate_services.learner_record(learner=person), fmt)


@login_required
def nominate(request, code):
    focal = _focal_point(request)
    cycle = get_object_or_404(Cycle, code=code, cancelled_at__isnull=True)
    diplomats = selectors.diplomats_of(focal=focal)
    # Asked before the form is shown (decision 0009): the cycle's own refusal (closed,
    # quota reached) replaces the form; a diplomat `apply` would refuse is not offered, and
    # the page says why.
    refusal = (
        ApplicationsClosed.for_cycle(cycle, timezone.now())
        if not cycle.is_open_for_applications()
        else quota_refusal(cycle=cycle, member_state=focal.member_state)
    )
    refused, eligible = [], []
    for person in diplomats:
        why = course_services.check_can_apply(learner=person, cycle=cycle)
        if why is None:
            eligible.append(person)
        else:
            refused.append((person, why))
    form = NominationForm(request.POST or None, diplomats=eligible)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Another mission's diplomat is not disclosed: 404, as for the pages.
        person = get_object_or_404(diplomats, pk=data["diplomat"]) if data["diplomat"] else None
        try:
            enrollment = services.nominate(
                cycle=cycle,
                by=request.user,
                diplomat=person,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                rank=data["rank"] or "other",
                language=data["language"] or "en",
            )
        except EnrollmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is nominated to %(code)s: %(status)s.")
                % {
                    "name": enrollment.learner,
                    "code": cycle.code,
                    "status": enrollment.get_status_display().lower(),
                },
            )
            return redirect("missions:home")
    return render(
        request,
        "missions/nominate.html",
        {
            "focal": focal,
            "cycle": cycle,
            "form": form,
            "refusal": refusal,
            "refused": refused,
        },
    )

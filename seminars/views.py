"""Learner pages: choosing a seminar session, and the calendar feeds (public per cycle,
private per learner behind a revocable token)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import content_names
from courses.models import Cycle

from . import calendars, selectors, services
from .exceptions import SessionError
from .models import CalendarToken, SeminarSession


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def cycle_calendar(request, code):
    cycle = get_object_or_404(Cycle, code=code)
    return _ics(calendars.cycle_feed(cycle), f"{cycle.code}.ics")


def learner_calendar(request, token):
    found = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        raise Http404
    return _ics(calendars.learner_feed(found.user), "patit.ics")


@login_required
def my_calendar(request):
    """The private calendar address; POST replaces it (the old one stops working)."""
    if request.method == "POST":
        services.revoke_calendar_token(user=request.user)
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
        return redirect("seminars:my_calendar")
    token = services.calendar_token(user=request.user)
    feed = request.build_absolute_uri(reverse("seminars:feed", args=[token.token]))
    return render(
        request,
        "seminars/my_calendar.html",
        {
            "feed": feed,
            "webcal": feed.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1),
        },
    )


@login_required
def choose(request, code):
    """The cycle's seminar sessions; a seated learner required to attend picks one."""
    cycle = get_object_or_404(Cycle, code=code)
    enrollment = selectors.seated_in(learner=request.user, cycle=cycle)
    seat = getattr(enrollment, "seminar_seat", None) if enrollment else None
    sessions = list(selectors.sessions_of(cycle=cycle))
    content_names.prime([cycle, *sessions], request.LANGUAGE_CODE)
    return render(
        request,
        "seminars/choose.html",
        {
            "cycle": cycle,
            "enrollment": enrollment,
            "seat": seat,
            "can_choose": enrollment is not None and services.requires_session(enrollment),
            "sessions": sessions,
        },
    )


@login_required
@require_POST
def choose_session(request, code):
    cycle = get_object_or_404(Cycle, code=code)
    session = get_object_or_404(SeminarSession, pk=request.POST.get("session") or 0, cycle=cycle)
    try:
        services.choose_session(learner=request.user, session=session)
    except SessionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your seminar session: %(session)s.") % {"session": session.label}
        )
    return redirect("seminars:choose", code=cycle.code)

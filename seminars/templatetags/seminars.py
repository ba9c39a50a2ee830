"""The seminar part of a dashboard card. The learner's seats are read once per page (kept
on the request), so the dashboard's query count does not grow with its cards."""

from django import template

from courses.models import Enrollment

from ..selectors import announcements_for, seats_for
from ..services import requires_session

register = template.Library()


@register.simple_tag(takes_context=True)
def seminar_card(context, enrollment: Enrollment) -> dict:
    # Kept on the request: each include renders in a context of its own.
    holder = context.get("request") or context.render_context
    seats = getattr(holder, "_seminar_seats", None)
    if seats is None:
        seats = seats_for(learner_id=enrollment.learner_id)
        holder._seminar_seats = seats
    seat = seats.get(enrollment.pk)
    news = getattr(holder, "_announcements", None)
    if news is None:
        news = announcements_for(learner_id=enrollment.learner_id)
        holder._announcements = news
    if enrollment.status not in Enrollment.SEATED:
        seat = None
    return {
        "seat": seat,
        "attendance": getattr(seat.enrollment, "seminar_attendance", None) if seat else None,
        "required": requires_session(enrollment),
        "announcements": news.get(enrollment.pk, []),
    }

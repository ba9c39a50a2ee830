"""Wagtail admin screens for a cycle's roster: the list of enrollments and the page where an
administrator removes, admits or moves a learner (through `remove`, `admit`,
`move_to_head_of_waitlist` and `extend_deadline` in `courses.services`).
"""

from functools import partial

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_ui import LocalDateColumn, ServiceOnlyViewSet
from core.exports import SafeSpreadsheetExportMixin
from core.validators import ascii_int

from . import selectors, services
from .exceptions import EnrollmentError
from .models import Enrollment, EnrollmentEvent

S = Enrollment.Status


def roster_url(cycle):
    return reverse("roster:index") + f"?cycle={cycle.pk}"


# --- Rosters -----------------------------------------------------------------------------


class RosterFilterSet(WagtailFilterSet):
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"), queryset=lambda request: selectors.cycles_for(user=request.user)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=S.choices)

    class Meta:
        model = Enrollment
        fields = ["cycle", "status"]


STATUS_RANK = Case(
    When(status=S.ENROLLED, then=Value(0)),
    When(status=S.OFFERED, then=Value(1)),
    When(status=S.COMPLETED, then=Value(2)),
    When(status=S.WAITLISTED, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


class RosterIndexView(SafeSpreadsheetExportMixin, IndexView):
    # Seated learners first, then the waitlist in promotion order, then those who left.
    default_ordering = [
        "-cycle__starts_on",
        "cycle_id",
        "status_rank",
        "waitlist_position",
        "applied_at",
    ]

    def get_base_queryset(self):
        cycles = selectors.cycles_for(user=self.request.user)
        positions = {}
        waiting_cycles = cycles.filter(enrollments__status=S.WAITLISTED).distinct()
        requested = ascii_int(self.request.GET.get("cycle"))
        if requested is not None:
            waiting_cycles = waiting_cycles.filter(pk=requested)
        for cycle in waiting_cycles:
            positions.update(selectors.waitlist_positions(cycle=cycle))
        position = (
            Case(
                *[When(pk=pk, then=Value(n)) for pk, n in positions.items()],
                default=Value(None),
                output_field=IntegerField(),
            )
            if positions
            else Value(None, output_field=IntegerField())
        )
        return (
            Enrollment.objects.filter(cycle__in=cycles)
            .select_related("learner", "cycle")
            .annotate(status_rank=STATUS_RANK, waitlist_position=position)
        )


def _manage_url(enrollment):
    return reverse("roster:manage", args=[enrollment.pk])


class ManageEnrollmentView(WagtailAdminTemplateMixin, TemplateView):
    """One learner's enrollment: its audit trail, and the administrators' actions."""

    template_name = "courses/admin/manage_enrollment.html"
    header_icon = "user"
    ACTIONS = {
        "remove": services.remove,
        "admit": services.admit,
        "admit_over_capacity": partial(services.admit, over_capacity=True),
        "move_to_head": services.move_to_head_of_waitlist,
    }

    def dispatch(self, request, pk):
        cycles = selectors.cycles_for(user=request.user)
        self.enrollment = get_object_or_404(
            Enrollment.objects.select_related("learner", "cycle"), pk=pk, cycle__in=cycles
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.enrollment.learner)

    def get_page_subtitle(self):
        return self.enrollment.cycle.code

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            enrollment=self.enrollment,
            position=selectors.waitlist_position(enrollment=self.enrollment),
            events=EnrollmentEvent.objects.filter(enrollment=self.enrollment)
            .select_related("actor")
            .order_by("created_at", "pk"),
            can_act=self.request.user.has_perm("courses.change_enrollment"),
            roster_url=roster_url(self.enrollment.cycle),
        )
        return context

    def post(self, request, pk):
        if not request.user.has_perm("courses.change_enrollment"):
            raise PermissionDenied
        action = self.ACTIONS.get(request.POST.get("action"))
        if request.POST.get("action") == "extend_deadline":
            action = partial(
                services.extend_deadline, until=_parse_date(request.POST.get("until", ""))
            )
        if action is None:
            messages.error(request, _("Unknown action."))
        else:
            try:
                action(
                    enrollment=self.enrollment,
                    by=request.user,
                    reason=request.POST.get("reason", ""),
                )
            except EnrollmentError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Done; the change is in the audit trail."))
        return redirect(_manage_url(self.enrollment))


def _parse_date(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        return date.min  # refused by the service with its message


class RosterViewSet(ServiceOnlyViewSet):
    model = Enrollment
    icon = "group"
    menu_label = _("Rosters")
    index_view_class = RosterIndexView
    filterset_class = RosterFilterSet
    search_fields = ["learner__email", "learner__first_name", "learner__last_name"]
    list_display = [
        TitleColumn("learner", label=_("Learner"), get_url=_manage_url),
        Column("cycle", label=_("Cycle")),
        Column("learner.member_state_name", label=_("Member State")),
        Column("learner.get_rank_display", label=_("Rank")),
        Column("get_status_display", label=_("Status")),
        Column("waitlist_position", label=_("Waitlist position")),
        DateColumn("applied_at", label=_("Applied")),
        LocalDateColumn("offer_expires_at", label=_("Offer expires"), with_time=True),
    ]
    list_export = [
        "cycle.code",
        "learner.get_full_name",
        "learner.email",
        "learner.member_state_name",
        "learner.get_rank_display",
        "get_status_display",
        "waitlist_position",
        "applied_at",
        "offer_expires_at",
        "seated_at",
        "completed_at",
        "ended_at",
    ]
    export_headings = {
        "cycle.code": _("Cycle"),
        "learner.get_full_name": _("Name"),
        "learner.email": _("E-mail"),
        "learner.member_state_name": _("Member State"),
        "learner.get_rank_display": _("Rank"),
        "get_status_display": _("Status"),
        "waitlist_position": _("Waitlist position"),
    }
    export_filename = "roster"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("manage/<id:pk>/", ManageEnrollmentView.as_view(), name="manage"),
        ]

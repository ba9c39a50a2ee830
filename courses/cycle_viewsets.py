"""Wagtail admin screens for cycles: the list, the form, create/edit/delete and the
whole-cycle acts (cancel, apply the current curriculum).

Writes go through `courses.services`: saving a cycle's capacity calls `set_capacity`
(which promotes at once). Instructors see only the cycles assigned to them.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from core.admin_ui import LocalDateColumn
from core.exports import SafeSpreadsheetExportMixin
from core.permissions import ADMINISTER_CYCLES
from core.roles import INSTRUCTORS

from . import selectors, services
from .cycle_admin_views import CyclePageMixin
from .exceptions import EnrollmentError
from .models import Cycle, Enrollment
from .roster_viewsets import roster_url

S = Enrollment.Status


# --- Cycles ------------------------------------------------------------------------------


class CycleFilterSet(WagtailFilterSet):
    STATUSES = [
        ("open", _("Open for applications")),
        ("upcoming", _("Not started")),
        ("running", _("Running")),
        ("finished", _("Finished")),
    ]
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUSES, method="filter_status", empty_label=_("All")
    )
    # Bounded: a year outside 1-9999 (99999, -0) made the list a 500.
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="starts_on", lookup_expr="year", min_value=1, max_value=9999
    )

    class Meta:
        model = Cycle
        fields = ["programme", "policy"]

    def filter_status(self, queryset, name, value):
        now, today = timezone.now(), timezone.localdate()
        return {
            "open": queryset.filter(applications_open_at__lte=now, applications_close_at__gte=now),
            "upcoming": queryset.filter(starts_on__gt=today),
            "running": queryset.filter(starts_on__lte=today, ends_on__gte=today),
            "finished": queryset.filter(ends_on__lt=today),
        }.get(value, queryset)


class CycleForm(WagtailAdminModelForm):
    instructors = forms.ModelMultipleChoiceField(
        label=_("Assigned instructors"),
        queryset=get_user_model().objects.filter(groups__name=INSTRUCTORS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They follow this cycle's learners and record seminar attendance."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["instructors"].initial = list(selectors.instructors_of(cycle=self.instance))

    def save_instructors(self, cycle):
        chosen = set(self.cleaned_data.get("instructors") or [])
        current = set(selectors.instructors_of(cycle=cycle))
        for instructor in chosen - current:
            services.assign_instructor(cycle=cycle, instructor=instructor)
        for instructor in current - chosen:
            services.unassign_instructor(cycle=cycle, instructor=instructor)


def _promoted_message(request, promoted):
    if promoted:
        names = ", ".join(str(e.learner) for e in promoted)
        messages.success(request, _("Promoted from the waitlist: %(names)s.") % {"names": names})


class CycleCreateView(CreateView):
    def save_instance(self):
        cycle = super().save_instance()
        self.form.save_instructors(cycle)
        return cycle


class CycleEditView(EditView):
    def save_instance(self):
        # The capacity goes through the service, under the cycle lock, so that raising it
        # promotes from the waitlist in this same transaction.
        capacity = self.form.cleaned_data["capacity"]
        cycle = self.form.save(commit=False)
        cycle.capacity = Cycle.objects.values_list("capacity", flat=True).get(pk=cycle.pk)
        cycle.save()
        self.form.save_m2m()
        self.form.save_instructors(cycle)
        promoted = services.set_capacity(cycle=cycle, capacity=capacity, by=self.request.user)
        _promoted_message(self.request, promoted)
        cycle.refresh_from_db()
        log(instance=cycle, action="wagtail.edit", content_changed=True)
        return cycle


class CycleDeleteView(DeleteView):
    """A cycle nobody applied to may be deleted (a typo); one with enrollments is cancelled
    instead, which keeps every enrollment and its audit trail (Enrollment.cycle is PROTECT)."""

    def dispatch(self, request, *args, **kwargs):
        cycle = self.get_object()
        if cycle.enrollments.exists():
            messages.error(
                request,
                _("%(code)s has enrollments, so it cannot be deleted; cancel it instead.")
                % {"code": cycle.code},
            )
            return redirect("cycles:cancel", cycle.pk)
        return super().dispatch(request, *args, **kwargs)


class CycleActionView(CyclePageMixin, TemplateView):
    """An administrator's act on a whole cycle, with a reason: cancel it, or apply the
    programme's current curriculum to it. The service checks the permission."""

    template_name = "courses/admin/cycle_action.html"
    service = None
    done = ""

    def post(self, request, pk):
        try:
            type(self).service(
                cycle=self.cycle, by=request.user, reason=request.POST.get("reason", "")[:500]
            )
        except EnrollmentError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, self.done)
        return redirect("cycles:index")


class CancelCycleView(CycleActionView):
    service = services.cancel_cycle
    title = _("Cancel the cycle")
    explanation = _(
        "Every learner still waiting, offered a seat or enrolled is withdrawn and "
        "told by e-mail; completed learners, their certificates and the whole audit "
        "trail are kept. Nobody can apply any more. This cannot be undone."
    )
    button = _("Cancel the cycle")
    done = _("The cycle is cancelled; the learners are being told.")


class ApplyCurriculumView(CycleActionView):
    service = services.apply_current_curriculum
    title = _("Apply the current curriculum")
    explanation = _(
        "The cycle's requirements were pinned when it started. Applying the "
        "programme's current modules, lessons and knowledge checks changes what its "
        "learners must do from now on. Lessons already completed stay completed, and "
        "completed learners stay completed."
    )
    button = _("Apply the current curriculum")
    done = _("The current curriculum now counts for this cycle.")


class CycleIndexView(SafeSpreadsheetExportMixin, IndexView):
    default_ordering = "-starts_on"

    # The cycle's row menu: (label, URL name, icon, permission needed or None). An
    # instructor sees what they may open for their cycles; the whole-cycle acts are the
    # administrators' (their views and services check the same permission).
    ROW_ACTIONS = [
        (_("Progress"), "reports:progress", "tasks", None),
        (_("Seminar attendance"), "seminars_admin:attendance", "tick", None),
        (_("Seminar sessions"), "seminars_admin:sessions", "date", None),
        (_("Announcements"), "seminars_admin:announce", "mail", None),
        (_("Evaluation"), "evaluations_admin:results", "list-ul", None),
        (_("History"), "cycles:events", "history", None),
        (_("Copy to the next cycle"), "cycles:copy_next", "copy", ADMINISTER_CYCLES),
        (_("Close the cycle"), "cycles:close", "lock", ADMINISTER_CYCLES),
        (
            _("Apply the current curriculum"),
            "cycles:apply_curriculum",
            "doc-full",
            ADMINISTER_CYCLES,
        ),
        (_("Cancel the cycle"), "cycles:cancel", "cross", ADMINISTER_CYCLES),
    ]

    def get_list_more_buttons(self, instance):
        user = self.request.user
        buttons = [MenuItem(_("Roster"), url=roster_url(instance), icon_name="group", priority=1)]
        for priority, (label, url_name, icon, perm) in enumerate(self.ROW_ACTIONS, start=2):
            if perm is None or user.has_perm(perm):
                buttons.append(
                    MenuItem(
                        label,
                        url=reverse(url_name, args=[instance.pk]),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        return super().get_list_more_buttons(instance) + buttons

    def get_base_queryset(self):
        return selectors.with_seat_counts(
            selectors.cycles_for(user=self.request.user).select_related("programme")
        )


class CycleViewSet(ModelViewSet):
    model = Cycle
    icon = "date"
    menu_label = _("Cycles")
    index_view_class = CycleIndexView
    add_view_class = CycleCreateView
    edit_view_class = CycleEditView
    delete_view_class = CycleDeleteView
    filterset_class = CycleFilterSet
    search_fields = ["code", "title"]
    copy_view_enabled = False
    list_display = [
        # A string, so that Wagtail builds the title column with the row menu (its buttons).
        "code",
        "title",
        Column("programme.short_title", label=_("Programme")),
        LocalDateColumn("starts_on", label=_("Starts")),
        LocalDateColumn("ends_on", label=_("Ends")),
        Column("capacity", label=_("Capacity")),
        Column("seats_taken", label=_("Seats taken")),
        Column("waitlist_length", label=_("Waitlist")),
        TitleColumn(
            "roster", label=_("Roster"), accessor=lambda c: _("Roster"), get_url=roster_url
        ),
    ]
    list_export = [
        "code",
        "title",
        "programme",
        "starts_on",
        "ends_on",
        "applications_open_at",
        "applications_close_at",
        "late_join_on",
        "capacity",
        "seats_taken",
        "waitlist_length",
        "offer_hours",
        "get_policy_display",
        "get_seminar_requirement_display",
    ]
    export_headings = {
        "seats_taken": _("Seats taken"),
        "waitlist_length": _("Waitlist"),
        "get_policy_display": _("Waitlist priority"),
        "get_seminar_requirement_display": _("Seminar"),
    }
    export_filename = "cycles"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("programme"), FieldPanel("code"), FieldPanel("title")],
                heading=_("Cycle"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                    FieldRowPanel(
                        [FieldPanel("applications_open_at"), FieldPanel("applications_close_at")]
                    ),
                    FieldPanel("late_join_on"),
                ],
                heading=_("Dates"),
            ),
            MultiFieldPanel(
                [FieldPanel("capacity"), FieldPanel("offer_hours"), FieldPanel("policy")],
                heading=_("Seats and waitlist"),
            ),
            FieldPanel("seminar_requirement"),
            MultiFieldPanel(
                [
                    FieldPanel("remind_offer_hours"),
                    FieldPanel("remind_at_start"),
                    FieldPanel("remind_inactive_days"),
                ],
                heading=_("Reminders"),
            ),
            FieldPanel("instructors"),
        ],
        base_form_class=CycleForm,
    )

    def get_urlpatterns(self):
        from .cycle_admin_views import CloseCycleView, CopyToNextCycleView, CycleHistoryView

        # The progress matrix is a report now (reports/progress.py); its old address, in
        # bookmarks, answers with a permanent redirect (the filters kept).
        moved = RedirectView.as_view(
            pattern_name="reports:progress", permanent=True, query_string=True
        )
        return super().get_urlpatterns() + [
            path("progress/<id:cycle_pk>/", moved, name="progress"),
            # Attendance has one screen, the seminar's (seminars/admin_views.py).
            path(
                "attendance/<id:cycle_pk>/",
                RedirectView.as_view(pattern_name="seminars_admin:attendance", permanent=True),
                name="attendance",
            ),
            path("cancel/<id:pk>/", CancelCycleView.as_view(), name="cancel"),
            path("curriculum/<id:pk>/", ApplyCurriculumView.as_view(), name="apply_curriculum"),
            path("copy-next/<int:pk>/", CopyToNextCycleView.as_view(), name="copy_next"),
            path("close/<int:pk>/", CloseCycleView.as_view(), name="close"),
            path("events/<id:pk>/", CycleHistoryView.as_view(), name="events"),
        ]

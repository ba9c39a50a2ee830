"""Admin screens for the learners' requests to change verified facts (rank, Member State):
a list with the pending ones first, and one page per request to approve or refuse it.
Decisions go through `accounts.services.decide_profile_change`, which checks the permission."""

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

from core.admin_ui import ServiceOnlyViewSet
from core.exports import SafeSpreadsheetExportMixin

from . import services
from .models import ProfileChangeRequest

R = ProfileChangeRequest.Status


class ChangeRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=R.choices)

    class Meta:
        model = ProfileChangeRequest
        fields = ["status"]


class ChangeRequestIndexView(SafeSpreadsheetExportMixin, IndexView):
    default_ordering = ["pending_first", "-created_at"]

    def get_base_queryset(self):
        return ProfileChangeRequest.objects.select_related("user", "decided_by").annotate(
            pending_first=Case(
                When(status=R.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )


def _decide_url(change):
    return reverse("change_requests:decide", args=[change.pk])


class DecideChangeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/decide_change.html"
    header_icon = "user"

    def dispatch(self, request, pk):
        if not request.user.has_perm("lms.decide_profilechangerequest"):
            raise PermissionDenied
        self.change = get_object_or_404(ProfileChangeRequest.objects.select_related("user"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Change of rank or Member State")

    def get_page_subtitle(self):
        return str(self.change.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(change=self.change, index_url=reverse("change_requests:index"))
        return context

    def post(self, request, pk):
        decision = request.POST.get("decision")
        if decision not in ("approve", "refuse"):
            messages.error(request, _("Choose approve or refuse."))
            return redirect(_decide_url(self.change))
        try:
            services.decide_profile_change(
                change=self.change,
                by=request.user,
                approve=decision == "approve",
                reason=request.POST.get("reason", "")[:500],
            )
        except services.ProfileError as error:
            messages.error(request, error.message)
            return redirect(_decide_url(self.change))
        messages.success(request, _("Decided; the learner sees the decision on their profile."))
        return redirect("change_requests:index")


class ChangeRequestViewSet(ServiceOnlyViewSet):
    model = ProfileChangeRequest
    icon = "user"
    menu_label = _("Rank changes")
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = ChangeRequestIndexView
    filterset_class = ChangeRequestFilterSet
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    list_display = [
        TitleColumn("user", label=_("Learner"), get_url=_decide_url),
        Column(
            "previous_label",
            label=_("Now"),
            accessor=lambda c: f"{c.previous_rank} · {c.previous_member_state}",
        ),
        Column(
            "requested",
            label=_("Requested"),
            accessor=lambda c: f"{c.rank_label} · {c.member_state_name}",
        ),
        Column("get_status_display", label=_("Status")),
        DateColumn("created_at", label=_("Asked")),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("decide/<id:pk>/", DecideChangeView.as_view(), name="decide"),
        ]

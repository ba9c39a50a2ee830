from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.permissions import ADMINISTER_CYCLES


@hooks.register("register_admin_urls")
def register_report_urls():
    from . import views
    from .progress import ProgressMatrixView

    urls = [
        path("funnel/", views.FunnelView.as_view(), name="funnel"),
        path("demand/", views.DemandView.as_view(), name="demand"),
        path("member-states/", views.MemberStatesView.as_view(), name="member_states"),
        path("certificates/", views.CertificatesView.as_view(), name="certificates"),
        path("module-drop-off/", views.DropOffView.as_view(), name="drop_off"),
        path("knowledge-checks/", views.KnowledgeChecksView.as_view(), name="knowledge_checks"),
        path("progress/<id:cycle_pk>/", ProgressMatrixView.as_view(), name="progress"),
        path(
            "progress/<id:cycle_pk>/results/",
            ProgressMatrixView.as_view(results_only=True),
            name="progress_results",
        ),
    ]
    return [path("reports/", include((urls, "reports"), namespace="reports"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        from courses.selectors.enrollment import teaches_any_cycle

        return request.user.has_perm(ADMINISTER_CYCLES) or teaches_any_cycle(user=request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Reports"), reverse("reports:funnel"), icon_name="table", order=900)


class CurrentFillPanel(Component):
    """The admin home: how full the open and running cycles are (SVG and a table)."""

    name = "current_fill"
    order = 150
    template_name = "reports/home_panel.html"

    def get_context_data(self, parent_context):
        from .selectors import current_fill
        from .svg import bar_chart

        rows = current_fill()
        labels = [row["cycle"] for row in rows]
        chart = bar_chart(
            title=str(_("Seats taken in the current cycles")),
            labels=labels,
            series=[
                (str(_("Capacity")), [row["capacity"] for row in rows]),
                (str(_("Seats taken")), [row["seats_taken"] for row in rows]),
                (str(_("Waitlisted")), [row["waitlisted"] for row in rows]),
            ],
            chart_id="current-fill",
        )
        return {"rows": rows, "chart": chart}


@hooks.register("construct_homepage_panels")
def add_current_fill_panel(request, panels):
    if request.user.has_perm(ADMINISTER_CYCLES):
        panels.append(CurrentFillPanel())

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_report_urls():
    from . import views

    urls = [
        path("funnel/", views.FunnelView.as_view(), name="funnel"),
        path("demand/", views.DemandView.as_view(), name="demand"),
        path("member-states/", views.MemberStatesView.as_view(), name="member_states"),
        path("certificates/", views.CertificatesView.as_view(), name="certificates"),
        path("knowledge-checks/", views.KnowledgeChecksView.as_view(),
             name="knowledge_checks"),
    ]
    return [path("reports/", include((urls, "reports"), namespace="reports"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        from courses.selectors import cycles_for

        return request.user.has_perm("courses.change_cycle") or cycles_for(
            user=request.user).exists()


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Reports"), reverse("reports:funnel"), icon_name="table",
                           order=900)

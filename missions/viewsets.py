"""Admin screens: administrators appoint focal points and set per-mission quotas."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import services
from .models import FocalPoint, MissionQuota


class AppointView:
    """Saving goes through `services.appoint`, which also gives the person the role."""

    def save_instance(self):
        focal = self.form.save(commit=False)
        return services.appoint(
            user=focal.user, member_state=focal.member_state, by=self.request.user
        )


class FocalPointCreateView(AppointView, CreateView):
    pass


class FocalPointEditView(AppointView, EditView):
    pass


class FocalPointViewSet(ModelViewSet):
    model = FocalPoint
    icon = "user"
    menu_label = _("Focal points")
    add_view_class = FocalPointCreateView
    edit_view_class = FocalPointEditView
    form_fields = ["user", "member_state"]
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["user__email", "user__last_name", "member_state"]
    list_display = ["user", Column("member_state_name", label=_("Member State")), "created_at"]


class MissionQuotaViewSet(ModelViewSet):
    model = MissionQuota
    icon = "list-ol"
    menu_label = _("Mission quotas")
    form_fields = ["cycle", "member_state", "quota"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["cycle"]
    list_display = ["cycle", Column("member_state_name", label=_("Member State")), "quota"]


class MissionsAdminGroup(ModelViewSetGroup):
    menu_label = _("Missions")
    menu_icon = "site"
    menu_order = 160
    items = (FocalPointViewSet("focal_points"), MissionQuotaViewSet("mission_quotas"))

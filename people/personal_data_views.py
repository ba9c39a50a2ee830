"""Admin screens for one person's data: download everything as JSON, erase on request.
Each act needs its permission (`lms.export_personal_data`, `lms.erase_personal_data`, held by
Administrators); the writes go through people.personal_data."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import User
from core.permissions import has_permission

from . import personal_data

EXPORT = "lms.export_personal_data"
ERASE = "lms.erase_personal_data"


def _require(request, *perms):
    """403 unless the user holds one of `perms`."""
    if not any(has_permission(request.user, perm) for perm in perms):
        raise PermissionDenied


def export(request, user_id):
    _require(request, EXPORT)
    person = get_object_or_404(User, pk=user_id)
    data = personal_data.export_person(user=person)
    response = HttpResponse(
        json.dumps(data, cls=personal_data.JSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="personal-data-{person.pk}-{stamp}.json"'
    )
    return response


class PersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "people/personal_data.html"
    header_icon = "user"

    def dispatch(self, request, user_id):
        _require(request, EXPORT, ERASE)
        if request.method == "POST":
            _require(request, ERASE)
        self.person = get_object_or_404(User, pk=user_id)
        return super().dispatch(request, user_id)

    def get_page_title(self):
        return _("Personal data")

    def get_page_subtitle(self):
        return str(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            erased=personal_data.is_erased(self.person),
            export_url=reverse("personal_data_export", args=[self.person.pk]),
            users_url=reverse("wagtailusers_users:index"),
            reason=kwargs.get("reason", ""),
            can_export=has_permission(self.request.user, EXPORT),
            can_erase=has_permission(self.request.user, ERASE),
        )
        return context

    def post(self, request, user_id):
        reason = request.POST.get("reason", "")
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the box to confirm the erasure."))
            return self.render_to_response(self.get_context_data(reason=reason))
        try:
            personal_data.erase_person(user=self.person, by=request.user, reason=reason)
        except personal_data.PersonalDataError as error:
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(reason=reason))
        messages.success(request, _("The person's data has been erased."))
        return redirect("personal_data", user_id=self.person.pk)

"""The admin screen for bulk import: upload, preview (a dry run of the whole import, so the
preview shows what the real import will do), confirm. Administrators only."""

import base64
import binascii

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import has_permission

from . import importing

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))
    cycle = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Apply everyone to this cycle"),
        empty_label=gettext_lazy("No cycle: create or match the accounts only"),
    )

    def __init__(self, *args, **kwargs):
        from courses.models import Cycle

        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = Cycle.objects.order_by("-starts_on")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "people/import_participants.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not has_permission(request.user, "lms.import_participants"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Import participants")

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request):
        if request.POST.get("confirm"):
            return self._confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload, cycle = form.cleaned_data["file"], form.cleaned_data["cycle"]
        content = upload.read()
        context = self.get_context_data(
            form=form, filename=upload.name, cycle=cycle, content=base64.b64encode(content).decode()
        )
        try:
            context["result"] = importing.import_participants(
                content=content, filename=upload.name, cycle=cycle, by=request.user, dry_run=True
            )
        except importing.ImportRefused as refused:
            context["problems"] = refused.problems
        return self.render_to_response(context)

    def _confirm(self, request):
        form = UploadForm(request.POST)  # only for the cycle's choices
        cycle = None
        if request.POST.get("cycle"):
            cycle = form.fields["cycle"].queryset.filter(pk=request.POST["cycle"]).first()
        try:
            content = base64.b64decode(request.POST.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            messages.error(request, _("The upload was lost; upload the file again."))
            return redirect("import_participants")
        filename = request.POST.get("filename", "upload.csv")
        try:
            # Checked again: the database may have changed since the preview.
            result = importing.import_participants(
                content=content, filename=filename, cycle=cycle, by=request.user
            )
        except importing.ImportRefused as refused:
            context = self.get_context_data(form=UploadForm(), problems=refused.problems)
            return self.render_to_response(context)
        messages.success(
            request,
            _(
                "Import done. Participants: %(count)s; new accounts: %(created)s; existing accounts: "  # noqa: E501
                "%(matched)s."
            )
            % {
                "count": len(result.participants),
                "created": result.created,
                "matched": result.matched,
            },
        )
        return redirect("import_participants")

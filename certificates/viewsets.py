"""Wagtail admin for certificates: the list (filters, export), one certificate's page
(revoke or reissue with a reason), a cycle's certificates (issue for every completed
learner, follow the rendering, download all as one ZIP), and the templates (snippets
with a PDF preview). Every write calls `certificates.services`."""

from functools import cached_property

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_ui import ServiceOnlyViewSet
from core.exports import SafeSpreadsheetExportMixin
from courses.models import Cycle, Enrollment
from private_files.storage import certificate_storage

from . import services
from .archive import stream_zip
from .exceptions import CertificateError
from .models import Certificate, CertificateTemplate

C = Certificate.Status


def _require_admin(request):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=C.choices)
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Certificate._meta.get_field("language").choices
    )
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"), field_name="enrollment__cycle", queryset=Cycle.objects.all()
    )

    class Meta:
        model = Certificate
        fields = ["status", "language", "cycle"]


class CertificateIndexView(SafeSpreadsheetExportMixin, IndexView):
    default_ordering = "-created_at"

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Issue by cycle"),
                url=reverse("certificates_admin:by_cycle"),
                icon_name="doc-full",
            )
        ]

    def get_base_queryset(self):
        return Certificate.objects.select_related(
            "enrollment__learner", "enrollment__cycle", "replaced_by"
        )


def _manage_url(certificate):
    return reverse("certificates_admin:manage", args=[certificate.pk])


class ManageCertificateView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "certificates/admin/manage.html"
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        _require_admin(request)
        self.certificate = get_object_or_404(
            Certificate.objects.select_related(
                "enrollment__learner", "enrollment__cycle", "replaces", "revoked_by"
            ),
            pk=pk,
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return self.certificate.serial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.certificate,
            verify_url=services.verify_url(self.certificate),
            replaced_by=getattr(self.certificate, "replaced_by", None),
            reissue_languages=_reissue_languages(),
        )
        return context

    def post(self, request, pk):
        action, reason = request.POST.get("action"), request.POST.get("reason", "")
        try:
            if action == "revoke":
                services.revoke(certificate=self.certificate, reason=reason, by=request.user)
                messages.success(request, _("Revoked."))
                return redirect(_manage_url(self.certificate))
            if action == "reissue":
                language = request.POST.get("language") or self.certificate.language
                if language not in dict(_reissue_languages()):
                    raise CertificateError(
                        _("Certificates are not printed in %(language)s; choose another language.")
                        % {"language": language}
                    )
                new = services.reissue(
                    certificate=self.certificate, reason=reason, by=request.user, language=language
                )
                messages.success(request, _("Reissued as %(serial)s.") % {"serial": new.serial})
                return redirect(_manage_url(new))
            messages.error(request, _("Unknown action."))
        except CertificateError as error:
            messages.error(request, error.message)
        return redirect(_manage_url(self.certificate))


def _reissue_languages() -> list[tuple[str, str]]:
    """The languages a certificate can be printed in (those with certificate wording)."""
    from core import languages

    from .wording import wording_path

    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if wording_path(languages.get(code)).exists()
    ]


class CycleCertificatesView(WagtailAdminTemplateMixin, TemplateView):
    """Issue for every completed learner of a cycle and follow the rendering. While
    certificates are being prepared the page refreshes itself (no JavaScript needed)."""

    template_name = "certificates/admin/cycle.html"
    header_icon = "doc-full"

    def dispatch(self, request, cycle_pk):
        _require_admin(request)
        self.cycle = get_object_or_404(Cycle, pk=cycle_pk)
        return super().dispatch(request, cycle_pk)

    def get_page_title(self):
        return _("Certificates: %(code)s") % {"code": self.cycle.code}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            Certificate.objects.filter(enrollment__cycle=self.cycle)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        completed = self.cycle.enrollments.filter(status=Enrollment.Status.COMPLETED).count()
        # Never had one: a revoked certificate is not replaced by bulk issue.
        without = (
            self.cycle.enrollments.filter(status=Enrollment.Status.COMPLETED)
            .exclude(certificates__isnull=False)
            .count()
        )
        in_progress = counts.get(C.PENDING, 0) + counts.get(C.FAILED, 0)
        done = counts.get(C.ISSUED, 0)
        context.update(
            cycle=self.cycle,
            completed=completed,
            without=without,
            counts=counts,
            max_attempts=services.MAX_ATTEMPTS,
            issued=done,
            in_progress=in_progress,
            total=done + in_progress,
            list_url=reverse("certificates_admin:index") + f"?cycle={self.cycle.pk}",
        )
        return context

    def post(self, request, cycle_pk):
        created = services.issue_for_cycle(cycle=self.cycle)
        messages.success(request, _("%(n)s certificates queued.") % {"n": len(created)})
        return redirect(reverse("certificates_admin:cycle", args=[self.cycle.pk]))


def certificate_pdf(request, pk):
    """One certificate's PDF for an administrator (the file has no public URL)."""
    _require_admin(request)
    from .views import pdf_response

    return pdf_response(get_object_or_404(Certificate, pk=pk))


def cycle_zip(request, cycle_pk):
    """Every valid certificate of a cycle in one ZIP, named by serial."""
    _require_admin(request)
    cycle = get_object_or_404(Cycle, pk=cycle_pk)
    # Streamed (certificates/archive.py): rows fetched in chunks, files read in chunks.
    members = (
        (f"{serial}.pdf", name)
        for serial, name in Certificate.objects.filter(enrollment__cycle=cycle, status=C.ISSUED)
        .order_by("serial")
        .values_list("serial", "pdf")
        .iterator(chunk_size=500)
    )
    storage = certificate_storage()
    response = StreamingHttpResponse(stream_zip(members, storage), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{cycle.code}-certificates.zip"'
    return response


class CertificateViewSet(ServiceOnlyViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
    search_fields = [
        "serial",
        "code",
        "enrollment__learner__email",
        "enrollment__learner__last_name",
    ]
    list_display = [
        TitleColumn("serial", label=_("Serial"), get_url=_manage_url),
        Column("enrollment.learner", label=_("Learner")),
        Column("enrollment.cycle", label=_("Cycle")),
        Column("get_language_display", label=_("Language")),
        Column("get_status_display", label=_("Status")),
        DateColumn("issued_at", label=_("Issued")),
    ]
    list_export = [
        "serial",
        "code",
        "enrollment.learner.get_full_name",
        "enrollment.learner.email",
        "enrollment.learner.member_state_name",
        "enrollment.cycle.code",
        "language",
        "get_status_display",
        "issued_at",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {
        "enrollment.learner.get_full_name": _("Name"),
        "enrollment.learner.email": _("E-mail"),
        "enrollment.learner.member_state_name": _("Member State"),
        "enrollment.cycle.code": _("Cycle"),
        "get_status_display": _("Status"),
    }
    export_filename = "certificates"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("manage/<id:pk>/", ManageCertificateView.as_view(), name="manage"),
            path("manage/<id:pk>/pdf/", certificate_pdf, name="pdf"),
            path("cycle/<id:cycle_pk>/", CycleCertificatesView.as_view(), name="cycle"),
            path("cycle/<id:cycle_pk>/zip/", cycle_zip, name="cycle_zip"),
            path("by-cycle/", IssueByCycleView.as_view(), name="by_cycle"),
        ]


class IssueByCycleView(SafeSpreadsheetExportMixin, IndexView):
    """Cycles with how many learners completed and how many certificates exist."""

    model = Cycle
    index_url_name = "certificates_admin:by_cycle"
    index_results_url_name = "certificates_admin:by_cycle"
    default_ordering = "-starts_on"
    page_title = _("Certificates by cycle")

    def dispatch(self, request, *args, **kwargs):
        _require_admin(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Cycle.objects.annotate(
            completed=Count(
                "enrollments", filter=Q(enrollments__status="completed"), distinct=True
            ),
            issued=Count(
                "enrollments__certificates",
                filter=Q(enrollments__certificates__status=C.ISSUED),
                distinct=True,
            ),
        )

    @property
    def columns(self):
        return [
            TitleColumn(
                "code",
                label=_("Cycle"),
                get_url=lambda c: reverse("certificates_admin:cycle", args=[c.pk]),
            ),
            Column("title", label=_("Title")),
            Column("completed", label=_("Completed learners")),
            Column("issued", label=_("Valid certificates")),
        ]


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-empty"
    menu_label = _("Templates")
    list_display = ["programme", "language", "title"]
    list_filter = ["language"]


class CertificatesAdminGroup(ModelViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full"
    menu_order = 160
    items = (
        CertificateViewSet("certificates_admin", url_prefix="certificates"),
        CertificateTemplateViewSet(),
    )

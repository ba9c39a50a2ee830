"""The seminar attendance roster of a cycle. Open to administrators and to the instructors
assigned to the cycle."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .exceptions import EnrollmentError
from .models import Cycle, Enrollment

S = Enrollment.Status


def _cycle_for(request, cycle_pk) -> Cycle:
    cycle = get_object_or_404(Cycle, pk=cycle_pk)
    if not services.can_record_attendance(request.user, cycle):
        raise PermissionDenied
    return cycle


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Record who attended the cycle's seminar (a plain form, one choice per learner)."""

    template_name = "courses/admin/attendance.html"
    header_icon = "tick"
    CHOICES = {"yes": True, "no": False}

    def dispatch(self, request, cycle_pk):
        self.cycle = _cycle_for(request, cycle_pk)
        return super().dispatch(request, cycle_pk)

    def get_page_title(self):
        return _("Seminar attendance: %(code)s") % {"code": self.cycle.code}

    def enrollments(self):
        return list(
            Enrollment.objects.filter(cycle=self.cycle, status__in=[S.ENROLLED, S.COMPLETED])
            .select_related("learner", "seminar_attendance")
            .order_by("learner__last_name", "learner__first_name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for enrollment in self.enrollments():
            record = getattr(enrollment, "seminar_attendance", None)
            rows.append((enrollment, None if record is None else record.attended))
        context.update(
            cycle=self.cycle, rows=rows, required=self.cycle.get_seminar_requirement_display()
        )
        return context

    def post(self, request, cycle_pk):
        changed, errors = 0, []
        for enrollment in self.enrollments():
            choice = request.POST.get(f"attended-{enrollment.pk}")
            if choice not in self.CHOICES:
                continue
            record = getattr(enrollment, "seminar_attendance", None)
            if record is not None and record.attended == self.CHOICES[choice]:
                continue
            try:
                services.record_attendance(
                    enrollment=enrollment, attended=self.CHOICES[choice], by=request.user
                )
                changed += 1
            except EnrollmentError as error:
                errors.append(f"{enrollment.learner}: {error.message}")
        for error in errors:
            messages.error(request, error)
        messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
        return redirect(reverse("cycles:attendance", args=[self.cycle.pk]))

"""Admin screens: a cycle's seminar sessions (administrators schedule them), the cycle's
attendance (each session's learners recorded by its instructor or an administrator), and
announcements."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.permissions import ADMINISTER_CYCLES
from core.validators import ascii_int
from courses.cycle_admin_views import taught_cycle
from courses.exceptions import EnrollmentError
from courses.models import Enrollment, SeminarAttendance
from courses.services.permissions import has_permission

from . import selectors, services
from .announcements import announce
from .exceptions import SessionError
from .models import Announcement, SeminarSession

S = Enrollment.Status


class SessionForm(forms.ModelForm):
    meeting_url = forms.URLField(label=_("meeting link"), required=False, assume_scheme="https")

    class Meta:
        model = SeminarSession
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "format",
            "venue",
            "room",
            "meeting_url",
            "language",
            "capacity",
            "choose_until",
            "instructor",
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"})
            for name in ("starts_at", "ends_at", "choose_until")
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the cycle's own instructors can record a session's attendance.
        from courses.selectors import instructors_of

        self.fields["instructor"].queryset = instructors_of(cycle=cycle)


class SessionsView(WagtailAdminTemplateMixin, TemplateView):
    """The cycle's sessions with their fill; administrators add sessions here."""

    template_name = "seminars/admin/sessions.html"
    header_icon = "date"

    def dispatch(self, request, cycle_pk):
        self.cycle = taught_cycle(request, cycle_pk)
        self.can_add = has_permission(request.user, ADMINISTER_CYCLES)
        return super().dispatch(request, cycle_pk)

    def get_page_title(self):
        return _("Seminar sessions: %(code)s") % {"code": self.cycle.code}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = list(selectors.sessions_of(cycle=self.cycle))
        for session in sessions:
            session.can_record = services.can_record_for(self.request.user, session)
        context.update(
            cycle=self.cycle,
            sessions=sessions,
            can_add=self.can_add,
            form=form or (SessionForm(cycle=self.cycle) if self.can_add else None),
        )
        return context

    def post(self, request, cycle_pk):
        if not self.can_add:
            raise PermissionDenied
        form = SessionForm(
            request.POST, instance=SeminarSession(cycle=self.cycle), cycle=self.cycle
        )
        if form.is_valid():
            try:
                services.add_session(session=form.instance, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Session added."))
                return redirect(reverse("seminars_admin:sessions", args=[self.cycle.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """The cycle's one attendance screen: every seated learner with the session they chose
    (if any), present / absent / excused and a note. `?session=<id>` shows one session's
    learners. Rows the user may not record (another instructor's session) are shown, not
    editable; the service decides again on saving."""

    template_name = "seminars/admin/attendance.html"
    header_icon = "tick"

    def dispatch(self, request, cycle_pk):
        self.cycle = taught_cycle(request, cycle_pk)
        self.sessions = {session.pk: session for session in self.cycle.seminar_sessions.all()}
        self.session = self.sessions.get(ascii_int(request.GET.get("session", "")))
        return super().dispatch(request, cycle_pk)

    def get_page_title(self):
        return _("Seminar attendance: %(code)s") % {"code": self.cycle.code}

    def rows(self):
        enrollments = (
            Enrollment.objects.filter(cycle=self.cycle, status__in=[S.ENROLLED, S.COMPLETED])
            .select_related("learner", "seminar_attendance", "seminar_seat")
            .order_by("learner__last_name", "learner__first_name", "learner__email")
        )
        if self.session is not None:
            enrollments = enrollments.filter(seminar_seat__session=self.session)
        rows = []
        for enrollment in enrollments:
            seat = getattr(enrollment, "seminar_seat", None)
            session = self.sessions.get(seat.session_id) if seat else None
            record = getattr(enrollment, "seminar_attendance", None)
            rows.append(
                AttendanceRow(
                    enrollment=enrollment,
                    session=session,
                    record=record,
                    editable=session is None or services.can_record_for(self.request.user, session),
                )
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cycle=self.cycle,
            session=self.session,
            rows=self.rows(),
            choices=SeminarAttendance.Attendance.choices,
            required=self.cycle.get_seminar_requirement_display(),
        )
        return context

    def post(self, request, cycle_pk):
        changed = 0
        for row in self.rows():
            pk = row.enrollment.pk
            attendance = request.POST.get(f"attendance-{pk}", "")
            note = request.POST.get(f"note-{pk}", "")[:1000]
            if not row.editable or not attendance or (attendance, note) == row.current:
                continue
            try:
                services.record_attendance(
                    enrollment=row.enrollment, attendance=attendance, note=note, by=request.user
                )
                changed += 1
            except (SessionError, EnrollmentError) as error:
                messages.error(request, f"{row.enrollment.learner}: {error.message}")
        messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
        url = reverse("seminars_admin:attendance", args=[self.cycle.pk])
        return redirect(url + (f"?session={self.session.pk}" if self.session else ""))


@dataclass
class AttendanceRow:
    enrollment: Enrollment
    session: SeminarSession | None
    record: SeminarAttendance | None
    editable: bool

    @property
    def current(self) -> tuple[str, str]:
        return (self.record.attendance, self.record.note) if self.record else ("", "")


def session_attendance_moved(request, session_pk):
    """The former per-session attendance screen, in bookmarks: the cycle's screen, showing
    that session's learners."""
    session = get_object_or_404(SeminarSession, pk=session_pk)
    url = reverse("seminars_admin:attendance", args=[session.cycle_id])
    return HttpResponsePermanentRedirect(f"{url}?session={session.pk}")


class AnnouncementForm(forms.Form):
    audience = forms.ChoiceField(label=_("To"), choices=Announcement.Audience.choices)
    session = forms.ModelChoiceField(
        label=_("Seminar session"), required=False, queryset=SeminarSession.objects.none()
    )
    subject = forms.CharField(label=_("Subject (English)"), max_length=200)
    body = forms.CharField(label=_("Message (English)"), widget=forms.Textarea)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = cycle.seminar_sessions.all()
        # An optional subject and message per language of settings.LANGUAGES but English:
        # made from settings, so a language added there gets its fields.
        self.languages = [code for code, _n in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        for code, name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            language = gettext(str(name))
            key = code.replace("-", "_")
            self.fields[f"subject_{key}"] = forms.CharField(
                label=gettext("Subject (%(language)s)") % {"language": language},
                max_length=200,
                required=False,
            )
            self.fields[f"body_{key}"] = forms.CharField(
                label=gettext("Message (%(language)s)") % {"language": language},
                widget=forms.Textarea,
                required=False,
            )
            for field in (f"subject_{key}", f"body_{key}"):
                self.fields[field].widget.attrs["lang"] = code

    def translations(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            code: (
                data[f"subject_{code.replace('-', '_')}"],
                data[f"body_{code.replace('-', '_')}"],
            )
            for code in self.languages
        }


class AnnounceView(WagtailAdminTemplateMixin, TemplateView):
    """Write to the cycle's learners; the announcements already sent, with their reach."""

    template_name = "seminars/admin/announce.html"
    header_icon = "mail"

    def dispatch(self, request, cycle_pk):
        self.cycle = taught_cycle(request, cycle_pk)
        return super().dispatch(request, cycle_pk)

    def get_page_title(self):
        return _("Announcements: %(code)s") % {"code": self.cycle.code}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        sent = self.cycle.announcements.select_related("author", "session").annotate(
            reached=Count("receipts")
        )
        context.update(cycle=self.cycle, sent=sent, form=form or AnnouncementForm(cycle=self.cycle))
        return context

    def post(self, request, cycle_pk):
        form = AnnouncementForm(request.POST, cycle=self.cycle)
        if form.is_valid():
            data = form.cleaned_data
            try:
                announcement = announce(
                    cycle=self.cycle,
                    audience=data["audience"],
                    session=data["session"],
                    subject=data["subject"],
                    body=data["body"],
                    by=request.user,
                    translations=form.translations(),
                )
            except SessionError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Announcement sent to %(n)s learners.")
                    % {"n": announcement.receipts.count()},
                )
                return redirect(reverse("seminars_admin:announce", args=[self.cycle.pk]))
        return self.render_to_response(self.get_context_data(form=form))

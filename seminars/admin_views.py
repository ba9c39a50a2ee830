"""Admin screens: a cycle's seminar sessions (administrators schedule them) and each
session's attendance, recorded by its instructor or an administrator."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import Cycle
from courses.services.permissions import can_teach, has_permission

from . import selectors, services
from .announcements import announce
from .exceptions import SessionError
from .models import Announcement, SeminarSession, SessionSeat


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
        self.cycle = get_object_or_404(Cycle, pk=cycle_pk)
        if not can_teach(request.user, self.cycle):
            raise PermissionDenied
        self.can_add = has_permission(request.user, "courses.change_cycle")
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


class SessionAttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Present / absent / excused (with a note) for each learner of one session."""

    template_name = "seminars/admin/attendance.html"
    header_icon = "tick"

    def dispatch(self, request, session_pk):
        self.session = get_object_or_404(
            SeminarSession.objects.select_related("cycle"), pk=session_pk
        )
        if not services.can_record_for(request.user, self.session):
            raise PermissionDenied
        return super().dispatch(request, session_pk)

    def get_page_title(self):
        return _("Attendance: %(session)s") % {"session": str(self.session)}

    def seats(self):
        return list(
            self.session.seats.select_related("enrollment__learner").order_by(
                "enrollment__learner__last_name", "enrollment__learner__first_name"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session, seats=self.seats(), choices=SessionSeat.Attendance.choices
        )
        return context

    def post(self, request, session_pk):
        changed = 0
        for seat in self.seats():
            attendance = request.POST.get(f"attendance-{seat.pk}", "")
            note = request.POST.get(f"note-{seat.pk}", "")[:1000]
            if not attendance or (attendance, note) == (seat.attendance, seat.note):
                continue
            try:
                services.record_session_attendance(
                    seat=seat, attendance=attendance, note=note, by=request.user
                )
                changed += 1
            except SessionError as error:
                messages.error(request, f"{seat.enrollment.learner}: {error.message}")
        messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
        return redirect(reverse("seminars_admin:attendance", args=[self.session.pk]))


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
        self.cycle = get_object_or_404(Cycle, pk=cycle_pk)
        if not can_teach(request.user, self.cycle):
            raise PermissionDenied
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

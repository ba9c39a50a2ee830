"""Admin screens for a cycle's life: copy it to the next quarter, close it after its last
day. Both call the services, which check the permission themselves."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core import dates
from core.permissions import ADMINISTER_CYCLES

from . import services
from .exceptions import EnrollmentError
from .history import cycle_history
from .models import Cycle
from .selectors.priority import left_on_the_waitlist
from .services.permissions import can_teach


class CopyForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Starts on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Blank: a quarter after this cycle starts. Every other date moves with it."),
    )
    priority_days = forms.IntegerField(
        label=_("Invite this cycle's waitlist to apply first, for (days)"),
        required=False,
        min_value=0,
        max_value=services.MAX_PRIORITY_DAYS,
        help_text=_(
            "Blank or 0: anyone may apply as soon as applications open. Otherwise the "
            "learners left on this cycle's waitlist are told by e-mail, and for that many "
            "days of the new cycle's applications only they (and administrators) may apply."
        ),
    )


def taught_cycle(request, pk) -> Cycle:
    """The cycle of an admin screen for its instructors and the administrators (`can_teach`):
    404 when there is none, PermissionDenied (the admin's refusal) for anyone else."""
    cycle = get_object_or_404(Cycle, pk=pk)
    if not can_teach(request.user, cycle):
        raise PermissionDenied
    return cycle


class CyclePageMixin(WagtailAdminTemplateMixin):
    """An admin page about one cycle (`pk` in the URL) for those holding `permission`: its
    code as the subtitle, an explanation and a button; the service checks again."""

    header_icon = "date"
    permission = ADMINISTER_CYCLES
    title = explanation = button = ""

    def dispatch(self, request, pk):
        self.cycle = get_object_or_404(Cycle, pk=pk)
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_title(self):
        return self.title

    def get_page_subtitle(self):
        return self.cycle.code

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cycle=self.cycle,
            explanation=self.explanation,
            button=self.button,
            index_url=reverse("cycles:index"),
            **kwargs,
        )


class CycleLifeView(CyclePageMixin, FormView):
    template_name = "courses/admin/cycle_life.html"
    form_class = forms.Form

    def form_valid(self, form):
        try:
            return self.act(form)
        except EnrollmentError as error:
            messages.error(self.request, error.message)
            return redirect(self.request.path)


class CopyToNextCycleView(CycleLifeView):
    permission = "courses.add_cycle"
    form_class = CopyForm
    title = _("Copy to the next cycle")
    explanation = _(
        "Creates the next run of this cycle with the same capacity, waitlist "
        "priority, offer window, seminar rule, reminders and instructors. Nobody "
        "is enrolled in it; check its dates and title before applications open."
    )
    button = _("Create the next cycle")

    def get_context_data(self, **kwargs):
        waiting = left_on_the_waitlist(cycle=self.cycle).count()
        return super().get_context_data(
            facts=[
                ngettext(
                    "%(count)s learner is left on this cycle's waitlist.",
                    "%(count)s learners are left on this cycle's waitlist.",
                    waiting,
                )
                % {"count": waiting}
            ],
            **kwargs,
        )

    def act(self, form):
        copy = services.copy_to_next_cycle(
            cycle=self.cycle,
            by=self.request.user,
            starts_on=form.cleaned_data["starts_on"],
            priority_days=form.cleaned_data["priority_days"] or 0,
        )
        messages.success(
            self.request,
            _("%(code)s created from %(source)s.") % {"code": copy.code, "source": self.cycle.code},
        )
        window = getattr(copy, "priority_window", None)
        if form.cleaned_data["priority_days"] and window is not None:
            messages.success(
                self.request,
                ngettext(
                    "%(count)s learner is invited to apply first, until %(date)s.",
                    "%(count)s learners are invited to apply first, until %(date)s.",
                    window.invitees.count(),
                )
                % {"count": window.invitees.count(), "date": dates.format_datetime(window.until)},
            )
        return redirect("cycles:edit", copy.pk)


class CloseCycleView(CycleLifeView):
    title = _("Close the cycle")
    explanation = _(
        "For a cycle past its last day: enrolled learners who did not complete "
        "are recorded as not completed (unless their deadline was extended), the "
        "waitlist as not admitted, and open offers lapse. Everyone is told by "
        "e-mail. Nothing is deleted. This also happens automatically every hour."
    )
    button = _("Close the cycle")

    def act(self, form):
        counts = services.close_cycle(cycle=self.cycle, by=self.request.user)
        messages.success(
            self.request,
            _("%(code)s is closed (%(count)s enrollments changed).")
            % {"code": self.cycle.code, "count": sum(counts.values())},
        )
        return redirect("cycles:index")


class CycleHistoryView(WagtailAdminTemplateMixin, TemplateView):
    """The cycle's history (courses.history): its capacity changes, closing, cancelling,
    copying, curriculum applied, and its seminar's events, for the cycle's instructors and
    the administrators. Each learner's own trail stays on their roster page."""

    template_name = "courses/admin/cycle_history.html"
    header_icon = "history"

    def dispatch(self, request, pk):
        self.cycle = taught_cycle(request, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("History: %(code)s") % {"code": self.cycle.code}

    def get_context_data(self, **kwargs):
        from .roster_viewsets import roster_url

        context = super().get_context_data(**kwargs)
        context.update(
            cycle=self.cycle,
            rows=cycle_history(cycle=self.cycle),
            roster_url=roster_url(self.cycle),
            index_url=reverse("cycles:index"),
        )
        return context

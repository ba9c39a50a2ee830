"""Admin screens for following a cycle: the progress matrix (learners × modules, with
filters and export) and the seminar attendance roster. Open to administrators and to the
instructors assigned to the cycle."""

from functools import cached_property

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.models import Rank
from core.admin_ui import PlainSelect
from core.exports import SafeSpreadsheetExportMixin
from core.member_states import CHOICES as MEMBER_STATE_CHOICES

from . import selectors, services
from .exceptions import EnrollmentError
from .models import Cycle, Enrollment

S = Enrollment.Status


def _cycle_for(request, cycle_pk) -> Cycle:
    cycle = get_object_or_404(Cycle, pk=cycle_pk)
    if not services.can_record_attendance(request.user, cycle):
        raise PermissionDenied
    return cycle


class ProgressFilterSet(WagtailFilterSet):
    # PlainSelect: the page renders these selects twice (header and results fragment).
    learner__member_state = django_filters.ChoiceFilter(
        label=_("Member State"), choices=MEMBER_STATE_CHOICES, widget=PlainSelect
    )
    learner__rank = django_filters.ChoiceFilter(
        label=_("Rank"), choices=Rank.choices, widget=PlainSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(S.ENROLLED, S.ENROLLED.label), (S.COMPLETED, S.COMPLETED.label)],
        widget=PlainSelect,
    )

    class Meta:
        model = Enrollment
        fields = ["learner__member_state", "learner__rank", "status"]


class ProgressMatrixView(SafeSpreadsheetExportMixin, IndexView):
    """Who is stuck where: one row per seated learner, one column per module."""

    model = Enrollment
    filterset_class = ProgressFilterSet
    search_fields = ["learner__email", "learner__first_name", "learner__last_name"]
    index_url_name = "cycles:progress"
    index_results_url_name = "cycles:progress_results"
    # The people's own order (email last: unique, so pages never swap equal names), which
    # the index user_name_order serves.
    default_ordering = ["learner__last_name", "learner__first_name", "learner__email"]
    paginate_by = 50
    # The rows are a plain table (see `matrix_rows`): Wagtail's table component renders each
    # cell through its own template, which cost most of the page at 100 rows x 10 columns.
    results_template_name = "courses/admin/progress_results.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.cycle = _cycle_for(request, kwargs["cycle_pk"])

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.cycle.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.cycle.pk])

    def get_page_title(self):
        return _("Progress: %(code)s") % {"code": self.cycle.code}

    def get_filename(self):
        return f"progress-{self.cycle.code}"

    def get_base_queryset(self):
        # The columns the rows and the export show; the cycle is the view's own (its
        # curriculum JSON is not decoded again on every row).
        return (
            Enrollment.objects.filter(cycle=self.cycle, status__in=[S.ENROLLED, S.COMPLETED])
            .select_related("learner")
            .only(*self.ROW_FIELDS)
        )

    ROW_FIELDS = (
        "cycle_id",
        "status",
        "rank",  # the seminar requirement is judged with the rank when ranked
        "learner__first_name",
        "learner__last_name",
        "learner__email",
        "learner__member_state",
        "learner__rank",
    )

    def _of_this_cycle(self, enrollments):
        enrollments = list(enrollments)
        for enrollment in enrollments:
            enrollment.cycle = self.cycle
        return enrollments

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        self.page_rows = self._of_this_cycle(rows)
        return paginator, page, self.page_rows, is_paginated

    @cached_property
    def progress(self):
        # Only the rows shown: one page of the matrix costs the same for a cycle of 20 or of
        # 2,000 (a fixed number of queries). An export computes every row of the filter.
        rows = getattr(self, "page_rows", None)
        if rows is None:
            rows = self._of_this_cycle(self.get_queryset())
        return selectors.progress_summaries(enrollments=rows, trees={self.cycle.pk: self.modules})

    @cached_property
    def modules(self):
        # From the shared cache until a page changes (cms/generation.py).
        return selectors.outlines_of_cycles([self.cycle])[self.cycle.pk]

    @cached_property
    def parts(self):
        return [(part.id, selectors.part_label(part)) for part in self.modules]

    @cached_property
    def _attended_labels(self):
        return {True: _("attended"), False: _("absent"), None: _("not recorded")}

    def _cells(self, enrollment) -> dict[int, str]:
        """The text of each part's cell of one row, by part id."""
        progress = self.progress.get(enrollment.pk)
        if progress is None:
            return {}
        cells = {}
        for part_id, (kind, done, total) in progress.parts.items():
            text = f"{done}/{total}"
            if kind == "seminar":
                text += f" · {self._attended_labels[progress.seminar_attended]}"
            cells[part_id] = text
        return cells

    def _cell(self, enrollment, part_id):
        return self._cells(enrollment).get(part_id, "")

    @cached_property
    def matrix_headings(self) -> list[str]:
        return [
            _("Learner"),
            _("Member State"),
            _("Rank"),
            _("Status"),
            *[label for _pid, label in self.parts],
            _("Complete"),
        ]

    @cached_property
    def matrix_rows(self) -> list[str]:
        """The <tr> of each row shown, written here rather than cell by cell in the template
        (500 cells a page): the learner linked to the roster, then the other cells."""
        part_ids = [pid for pid, _label in self.parts]
        # Choice labels translated once (get_FOO_display() re-hashes every choice per call).
        ranks = {value: str(label) for value, label in Rank.choices}
        statuses = {value: str(label) for value, label in S.choices}
        roster = reverse("roster:manage", args=[0]).removesuffix("0/")
        rows = []
        for enrollment in self.page_rows:
            learner, cells = enrollment.learner, self._cells(enrollment)
            texts = [
                learner.member_state_name,
                ranks.get(learner.rank, learner.rank),
                statuses.get(enrollment.status, enrollment.status),
                *[cells.get(pid, "") for pid in part_ids],
                self._percent(enrollment),
            ]
            cells_html = "".join(f"<td>{escape(text)}</td>" for text in texts)
            rows.append(
                mark_safe(  # noqa: S308 - the name and every cell are escaped here
                    f'<tr><td class="title"><div class="title-wrapper"><a href="{roster}'
                    f'{enrollment.pk}/">{escape(str(learner))}</a></div></td>{cells_html}</tr>'
                )
            )
        return rows

    def _percent(self, enrollment):
        progress = self.progress.get(enrollment.pk)
        return f"{progress.percent}%" if progress else ""

    @cached_property
    def columns(self):
        columns = [
            TitleColumn(
                "learner",
                label=_("Learner"),
                get_url=lambda e: reverse("roster:manage", args=[e.pk]),
            ),
            Column("learner.member_state_name", label=_("Member State")),
            Column("learner.get_rank_display", label=_("Rank")),
            Column("get_status_display", label=_("Status")),
        ]
        for part_id, label in self.parts:
            columns.append(
                Column(
                    f"part-{part_id}",
                    label=label,
                    accessor=lambda e, pid=part_id: self._cell(e, pid),
                )
            )
        columns.append(Column("percent", label=_("Complete"), accessor=self._percent))
        return columns

    @cached_property
    def list_export(self):
        return [
            "learner",
            "email",
            "member_state",
            "rank",
            "status",
            *[f"part-{pid}" for pid, _label in self.parts],
            "percent",
        ]

    @cached_property
    def export_headings(self):
        return {
            "learner": _("Learner"),
            "email": _("E-mail"),
            "member_state": _("Member State"),
            "rank": _("Rank"),
            "status": _("Status"),
            "percent": _("Complete"),
            **{f"part-{pid}": label for pid, label in self.parts},
        }

    def to_row_dict(self, item):
        row = {
            "learner": str(item.learner),
            "email": item.learner.email,
            "member_state": item.learner.member_state_name,
            "rank": item.learner.get_rank_display(),
            "status": item.get_status_display(),
            "percent": self._percent(item),
        }
        for part_id, _label in self.parts:
            row[f"part-{part_id}"] = self._cell(item, part_id)
        return row


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

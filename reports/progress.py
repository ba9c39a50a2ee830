"""The progress matrix: who is stuck where in one cycle (learners × modules, with each
learner's knowledge-check scores and last activity; filters and export). Open to
administrators and to the instructors assigned to the cycle, as the cycle's other screens."""

from functools import cached_property

import django_filters
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from accounts.models import Rank
from core.admin_ui import PlainSelect
from core.dates import format_datetime
from core.exports import SafeSpreadsheetExportMixin
from core.member_states import CHOICES as MEMBER_STATE_CHOICES
from courses import selectors
from courses.cycle_admin_views import taught_cycle
from courses.models import Enrollment

from .selectors import learner_activity

S = Enrollment.Status


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
    index_url_name = "reports:progress"
    index_results_url_name = "reports:progress_results"
    # The people's own order (email last: unique, so pages never swap equal names), which
    # the index user_name_order serves.
    default_ordering = ["learner__last_name", "learner__first_name", "learner__email"]
    paginate_by = 50
    # The rows are a plain table (see `matrix_rows`): Wagtail's table component renders each
    # cell through its own template, which cost most of the page at 100 rows x 10 columns.
    results_template_name = "reports/progress_results.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.cycle = taught_cycle(request, kwargs["cycle_pk"])

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
    def activity(self):
        # Same rows as `progress`: two more queries a page, whatever the cycle's size.
        rows = getattr(self, "page_rows", None)
        if rows is None:
            rows = self.get_queryset()
        return learner_activity(enrollment_ids=[enrollment.pk for enrollment in rows])

    @cached_property
    def _check_order(self) -> dict[int, int]:
        """Each lesson's place in the curriculum, so that scores read in the learner's order."""
        lessons = [lesson.id for part in self.modules for lesson in part.lessons]
        return {lesson_id: place for place, lesson_id in enumerate(lessons)}

    def _scores(self, enrollment) -> str:
        """The best score of each knowledge check tried, in curriculum order."""
        activity = self.activity.get(enrollment.pk)
        if activity is None:
            return ""
        order = self._check_order
        keys = sorted(activity.best_scores, key=lambda key: (order.get(key[0], len(order)), key))
        return " · ".join(f"{activity.best_scores[key]}%" for key in keys)

    def _last_activity(self, enrollment) -> str:
        activity = self.activity.get(enrollment.pk)
        if activity is None or activity.last_activity is None:
            return ""
        return format_datetime(activity.last_activity)

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
            _("Knowledge checks"),
            _("Last activity"),
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
                self._scores(enrollment),
                self._last_activity(enrollment),
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
        columns.append(Column("checks", label=_("Knowledge checks"), accessor=self._scores))
        columns.append(Column("last", label=_("Last activity"), accessor=self._last_activity))
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
            "checks",
            "last_activity",
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
            "checks": _("Knowledge checks"),
            "last_activity": _("Last activity"),
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
            "checks": self._scores(item),
            "last_activity": self._last_activity(item),
        }
        for part_id, _label in self.parts:
            row[f"part-{part_id}"] = self._cell(item, part_id)
        return row

"""Reports in the Wagtail admin: the funnel per cycle, demand against capacity, Member
States and regional groups, certificates per year, knowledge-check results. Each is a page
of tables with server-drawn SVG charts, filtered by programme, year and cycle, exportable
to CSV and XLSX through Wagtail's spreadsheet export. Instructors see their cycles only."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import ProgrammePage
from core.permissions import ADMINISTER_CYCLES
from courses.models import Cycle
from courses.selectors import cycles_for
from evaluations.admin_views import RowsExportMixin

from . import selectors
from .svg import bar_chart


class ReportFilters(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=ProgrammePage.objects.all()
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2200)
    cycle = forms.ModelChoiceField(
        label=_("Cycle"), required=False, queryset=Cycle.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles


class ReportView(RowsExportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/report.html"
    header_icon = "table"
    report_title = ""
    columns: dict = {}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise PermissionDenied
        visible = cycles_for(user=request.user)
        if not request.user.has_perm(ADMINISTER_CYCLES) and not visible.exists():
            raise PermissionDenied
        self.filters = ReportFilters(request.GET or None, cycles=visible.order_by("-starts_on"))
        cycles = visible
        if self.filters.is_valid():
            data = self.filters.cleaned_data
            if data["programme"]:
                cycles = cycles.filter(programme=data["programme"])
            if data["year"]:
                cycles = cycles.filter(starts_on__year=data["year"])
            if data["cycle"]:
                cycles = cycles.filter(pk=data["cycle"].pk)
        self.cycles = cycles
        return super().dispatch(request, *args, **kwargs)

    @property
    def list_export(self):
        return list(self.columns)

    @property
    def export_headings(self):
        return self.columns

    def get_page_title(self):
        return self.report_title

    def get_filename(self):
        return self.filename

    def export_rows(self):
        return self.rows()

    # The selector that gives the rows (`reports.selectors`), and the one bar chart most
    # reports draw: (title, chart id, the bar's label for a row, the columns drawn).
    selector = None
    chart: tuple | None = None

    def rows(self):
        return self.selector(cycles=self.cycles)

    def charts(self, rows):
        if self.chart is None:
            return []
        title, chart_id, label, keys = self.chart
        return [self.bar_chart(title, chart_id, [label(row) for row in rows], rows, keys)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows()
        context.update(
            filters=self.filters,
            columns=self.columns,
            table=[[row.get(key, "") for key in self.columns] for row in rows],
            charts=self.charts(rows),
            extra_tables=self.extra_tables(),
            csv_url=self.get_export_url("csv"),
            xlsx_url=self.get_export_url("xlsx"),
            reports=REPORTS,
        )
        return context

    def extra_tables(self):
        return []

    def bar_chart(self, title, chart_id, labels, rows, keys):
        """One bar per row and one series per key (named as in `columns`); the table beside
        the chart has the label, then the keys' values."""
        names = [str(self.columns[key]) for key in keys]
        series = [(name, [row[key] for row in rows]) for name, key in zip(names, keys, strict=True)]
        table = [
            [label, *[row[key] for key in keys]] for label, row in zip(labels, rows, strict=True)
        ]
        return _chart(title, labels, series, chart_id, ["", *names], table)


def _chart(title, labels, series, chart_id, columns, rows):
    return {
        "svg": bar_chart(title=str(title), labels=labels, series=series, chart_id=chart_id),
        "title": title,
        "columns": columns,
        "rows": rows,
    }


class FunnelView(ReportView):
    report_title = _("Enrollment funnel per cycle")
    filename = "funnel"
    columns = {
        "cycle": _("Cycle"),
        "programme": _("Programme"),
        "year": _("Year"),
        "capacity": _("Capacity"),
        "applied": _("Applied"),
        "seated": _("Seated"),
        "confirmed": _("Confirmed"),
        "completed": _("Completed"),
        "certified": _("Certified"),
        "waitlisted": _("Waitlisted"),
        "offers_expired": _("Offers expired"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
        "not_completed": _("Not completed"),
        "oversubscription": _("Applications per seat"),
    }

    selector = staticmethod(selectors.funnel)
    chart = (
        _("From application to certificate"),
        "funnel",
        lambda row: row["cycle"],
        ["applied", "seated", "confirmed", "completed", "certified"],
    )


class DemandView(FunnelView):
    report_title = _("Demand against capacity")
    filename = "demand"
    # The funnel's rows, fewer columns.
    columns = {
        key: FunnelView.columns[key]
        for key in ("cycle", "programme", "year", "capacity", "applied", "oversubscription")
    }
    chart = (
        _("Applications and seats per cycle"),
        "demand",
        lambda row: f"{row['cycle']}",
        ["capacity", "applied"],
    )


class MemberStatesView(ReportView):
    report_title = _("Participation per Member State and regional group")
    filename = "member-states"
    columns = {
        "code": _("Code"),
        "name": _("Member State"),
        "group": _("Regional group"),
        "applied": _("Applied"),
        "seated": _("Seated"),
        "completed": _("Completed"),
        "completion_rate": _("Completion rate"),
    }

    def rows(self):
        states, self.groups = selectors.member_states(cycles=self.cycles)
        return states

    def charts(self, rows):
        labels = [row["group"] for row in self.groups]
        series = [
            (str(_("Seated")), [row["seated"] for row in self.groups]),
            (str(_("Completed")), [row["completed"] for row in self.groups]),
        ]
        return [
            _chart(
                _("Participation per regional group"),
                labels,
                series,
                "groups",
                [
                    str(_("Regional group")),
                    str(_("Member States")),
                    str(_("Took part")),
                    str(_("Applied")),
                    str(_("Seated")),
                    str(_("Completed")),
                    str(_("Completion rate")),
                ],
                [
                    [
                        g["group"],
                        g["states"],
                        g["took_part"],
                        g["applied"],
                        g["seated"],
                        g["completed"],
                        g["completion_rate"],
                    ]
                    for g in self.groups
                ],
            )
        ]


class CertificatesView(ReportView):
    report_title = _("Certificates issued per year and programme")
    filename = "certificates"
    columns = {"year": _("Year"), "programme": _("Programme"), "certificates": _("Certificates")}

    selector = staticmethod(selectors.certificates_per_year)
    chart = (
        _("Certificates issued"),
        "certificates",
        lambda row: f"{row['year']} {row['programme']}",
        ["certificates"],
    )


class KnowledgeChecksView(ReportView):
    report_title = _("Knowledge-check results")
    filename = "knowledge-checks"
    columns = {
        "cycle": _("Cycle"),
        "lesson": _("Lesson"),
        "question": _("Question"),
        "attempts": _("Attempts"),
        "learners": _("Learners"),
        "first_attempt_pass_rate": _("First-attempt pass rate"),
        "most_chosen_wrong_answer": _("Most chosen wrong answer"),
        "times_chosen": _("Times chosen"),
    }

    selector = staticmethod(selectors.knowledge_check_results)


class DropOffView(ReportView):
    report_title = _("Module drop-off")
    filename = "module-drop-off"
    columns = {
        "cycle": _("Cycle"),
        "module": _("Module"),
        "seated": _("Seated"),
        "started": _("Started"),
        "finished": _("Finished"),
    }

    selector = staticmethod(selectors.module_drop_off)
    chart = (
        _("Where learners stop"),
        "drop-off",
        lambda row: f"{row['cycle']} · {row['module']}",
        ["started", "finished"],
    )


REPORTS = [
    ("reports:funnel", _("Funnel")),
    ("reports:demand", _("Demand")),
    ("reports:member_states", _("Member States")),
    ("reports:certificates", _("Certificates")),
    ("reports:drop_off", _("Module drop-off")),
    ("reports:knowledge_checks", _("Knowledge checks")),
]

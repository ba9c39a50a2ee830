"""Evaluation results for a cycle's instructors and the administrators: counts, averages
and comments, never a name; exportable to CSV and XLSX."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.exports import SafeSpreadsheetExportMixin
from courses.cycle_admin_views import taught_cycle

from .selectors import results_for


class RowsExportMixin(SafeSpreadsheetExportMixin, SpreadsheetExportMixin):
    """Wagtail's spreadsheet export over a list of dicts (report rows, not model rows)."""

    def to_row_dict(self, item):
        return {field: item.get(field, "") for field in self.list_export}

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.export_rows(), request.GET["export"])
        return super().get(request, *args, **kwargs)


class ResultsView(RowsExportMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "evaluations/admin/results.html"
    header_icon = "list-ul"
    list_export = ["question", "kind", "count", "average", "comment"]
    export_headings = {
        "question": _("Question"),
        "kind": _("Kind"),
        "count": _("Answers"),
        "average": _("Average (1-5)"),
        "comment": _("Comment"),
    }

    def dispatch(self, request, cycle_pk):
        self.cycle = taught_cycle(request, cycle_pk)
        self.results = results_for(cycle=self.cycle)
        return super().dispatch(request, cycle_pk)

    def get_filename(self):
        return f"evaluation-{self.cycle.code}"

    def get_page_title(self):
        return _("Evaluation: %(code)s") % {"code": self.cycle.code}

    def export_rows(self):
        rows = []
        for question in self.results["questions"]:
            rows.append(
                {
                    "question": question["text"],
                    "kind": question["kind"],
                    "count": question["count"],
                    "average": question.get("average"),
                }
            )
            rows += [
                {"question": question["text"], "kind": question["kind"], "comment": c}
                for c in question.get("comments", [])
            ]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cycle=self.cycle,
            results=self.results,
            csv_url=self.get_export_url("csv"),
            xlsx_url=self.get_export_url("xlsx"),
        )
        return context

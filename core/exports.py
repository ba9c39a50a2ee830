"""Spreadsheet exports that are safe to open: no cell starts a formula.

A spreadsheet program runs a CSV cell that starts with =, +, -, @ (or a tab or carriage
return before one) as a formula, so a learner named =HYPERLINK("http://x","y") would put a
live link into an administrator's roster (OWASP "CSV injection"). Such text cells get a
leading apostrophe, which spreadsheets show as text. Wagtail's XLSX export already writes
such cells as strings; every admin export view uses SafeSpreadsheetExportMixin for CSV.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value` with a leading apostrophe if it is text that a spreadsheet reads as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For Wagtail's IndexView (its SpreadsheetExportMixin): neutralises formula cells in CSV.
    Put it before IndexView in the bases."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

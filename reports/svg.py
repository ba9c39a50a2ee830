"""Bar charts drawn on the server as SVG: no JavaScript, readable on slow links and in
exports. Each chart carries a <title> and <desc> (read by screen readers) and is shown
next to a table of the same figures."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW, LABEL_WIDTH, BAR_WIDTH, GAP = 22, 160, 360, 4
COLOURS = ("#2e6da4", "#9cc3e6", "#c0504d", "#7f7f7f")


def bar_chart(
    *, title: str, labels: list[str], series: list[tuple[str, list[float]]], chart_id: str
) -> SafeString:
    """Horizontal bars, one group per label, one bar per series, scaled to the largest
    value."""
    top = max((value or 0 for _name, values in series for value in values), default=0) or 1
    per_group = ROW * len(series) + GAP * 2
    legend = 20 * len(series)
    height = per_group * len(labels) + legend + 30
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="report-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(", ".join(name for name, _v in series))}</desc>',
    ]
    for index, (name, _values) in enumerate(series):
        y = 10 + index * 20
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="12" height="12" '
            f'fill="{COLOURS[index % len(COLOURS)]}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + 18}" y="{y + 11}" font-size="12">{escape(name)}</text>'
        )
    for group, label in enumerate(labels):
        y0 = legend + 20 + group * per_group
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y0 + ROW}" font-size="12" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for index, (_name, values) in enumerate(series):
            value = values[group] or 0
            y = y0 + index * ROW
            length = round(BAR_WIDTH * value / top, 1)
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" '
                f'height="{ROW - 4}" fill="{COLOURS[index % len(COLOURS)]}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + length + 4}" y="{y + ROW - 8}" '
                f'font-size="11">{escape(value)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

"""Horizontal bar charts as inline SVG for web pages: classes and presentational attributes only
(no style attributes, which the content security policy blocks), with a title for screen
readers. Pages show a table of the same numbers beside each chart."""

from __future__ import annotations

from markupsafe import Markup, escape

ROW, LABEL_W, BAR_W = 28, 260, 300


def bar_chart(title: str, labels: list[str], values: list[int], chart_id: str) -> Markup:
    top = max([*values, 1])
    height = ROW * len(labels) + 10
    parts = [f'<svg class="app-chart" role="img" aria-labelledby="{chart_id}-title" '
             f'viewBox="0 0 {LABEL_W + BAR_W + 60} {height}" width="100%">',
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 5 + i * ROW
        width = round(BAR_W * value / top)
        parts.append(f'<text class="app-chart__label" x="{LABEL_W - 8}" y="{y + 17}" '
                     f'text-anchor="end">{escape(label[:40])}</text>')
        parts.append(f'<rect class="app-chart__bar" x="{LABEL_W}" y="{y + 4}" width="{width}" '
                     f'height="{ROW - 8}" fill="#005eb8"></rect>')
        parts.append(f'<text class="app-chart__value" x="{LABEL_W + width + 6}" y="{y + 17}">'
                     f'{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every label and title is escaped above

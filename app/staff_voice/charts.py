"""Results charts as inline SVG: one stacked bar per band that is shown. Hidden groups get no
bar at all. Colours come from classes in app.css (the CSP allows no inline styles)."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, BAR, GAP, LABEL = 600, 22, 10, 90


def stacked_bars(title: str, cells, hidden_text: str) -> Markup:
    """`cells` are app.analysis.results.Cell; the table beside it carries the same figures."""
    rows = len(cells)
    height = rows * (BAR + GAP) + GAP
    parts = [f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">']
    for i, cell in enumerate(cells):
        y = GAP + i * (BAR + GAP)
        parts.append(f'<text class="app-chart__label" x="0" y="{y + BAR - 6}">'
                     f'{escape(cell.label)}</text>')
        if not cell.shown or not cell.n or cell.answers_hidden:
            parts.append(f'<text class="app-chart__hidden" x="{LABEL}" y="{y + BAR - 6}">'
                         f'{escape(hidden_text)}</text>')
            continue
        x = float(LABEL)
        span = WIDTH - LABEL
        for j, (label, count, pct) in enumerate(cell.values):
            w = span * count / cell.n
            if w <= 0:
                continue
            parts.append(f'<rect class="app-chart__bar app-chart__bar--{j % 7}" x="{x:.1f}" '
                         f'y="{y}" width="{w:.1f}" height="{BAR}">'
                         f'<title>{escape(label)}: {pct}%</title></rect>')
            x += w
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above is escaped

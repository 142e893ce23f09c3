"""The consistency chart as inline SVG: per element, a line from the lowest to the highest
organisation's mean rating with a dot at the system mean. Classes and presentational attributes
only (the content security policy blocks style attributes); the page has a table of the same
figures, and the chart's title and description say what it shows."""

from __future__ import annotations

from markupsafe import Markup, escape

ROW, LABEL_W, PLOT_W, PAD = 34, 300, 320, 20


def spread_chart(spreads, scale, chart_id: str = "consistency-chart") -> Markup:
    numeric = sorted((int(c.value), c.label) for c in scale if c.value.isdigit())
    if not numeric:
        return Markup("")
    lo, hi = numeric[0][0], numeric[-1][0]

    def x(value: float) -> float:
        return round(LABEL_W + PAD + (value - lo) / max(hi - lo, 1) * (PLOT_W - 2 * PAD), 1)

    shown = [s for s in spreads if s.n]
    height = ROW * len(shown) + 40
    desc = "; ".join(f"{s.title}: lowest {s.lowest:.1f}, highest {s.highest:.1f}, "
                     f"mean {s.mean:.1f}" for s in shown)
    parts = [f'<svg class="app-chart app-spread" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'viewBox="0 0 {LABEL_W + PLOT_W + 10} {height}" width="100%">',
             f'<title id="{chart_id}-title">Spread of element ratings across organisations'
             f'</title><desc id="{chart_id}-desc">{escape(desc)}</desc>']
    for value, label in numeric:  # the scale along the top
        parts.append(f'<line class="app-spread__grid" x1="{x(value)}" y1="22" x2="{x(value)}" '
                     f'y2="{height - 4}" stroke="#d8dde0"></line>')
        parts.append(f'<text class="app-chart__value" x="{x(value)}" y="14" '
                     f'text-anchor="middle">{escape(label)}</text>')
    for i, s in enumerate(shown):
        y = 30 + i * ROW + ROW / 2
        parts.append(f'<text class="app-chart__label" x="{LABEL_W - 8}" y="{y + 5}" '
                     f'text-anchor="end">{escape(s.title[:42])}</text>')
        parts.append(f'<line class="app-spread__range" x1="{x(s.lowest)}" y1="{y}" '
                     f'x2="{x(s.highest)}" y2="{y}" stroke="#005eb8" stroke-width="6" '
                     f'stroke-linecap="round"></line>')
        parts.append(f'<circle class="app-spread__mean" cx="{x(s.mean)}" cy="{y}" r="7" '
                     f'fill="#ffffff" stroke="#212b32" stroke-width="2"></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every label and title is escaped above

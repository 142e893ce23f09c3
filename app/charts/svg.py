"""A chart as inline SVG for a page: classes and presentational attributes only (the content
security policy blocks style attributes; app.css colours the classes), a role of img and a
text alternative. Registered as the Jinja filter `chart_svg` (app/templating.py)."""

from __future__ import annotations

from markupsafe import Markup, escape

from app.charts.layout import Box, Dot, Figure, Line, Text, layout
from app.charts.shape import EMPTY, PALETTE, Chart, Kind

INK, RULE, WHITE = "#212b32", "#aeb7bd", "#ffffff"


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _mark(mark) -> str:
    if isinstance(mark, Text):
        anchor = "" if mark.anchor == "start" else f' text-anchor="{mark.anchor}"'
        classes = f"app-chart__{mark.role}" + (f" app-chart__{mark.role}--light" if mark.light
                                               else "")
        paint = f' fill="{WHITE}"' if mark.light else ""
        return (f'<text class="{classes}"{paint} x="{_n(mark.x)}" y="{_n(mark.y)}"{anchor}>'
                f'{escape(mark.text)}</text>')
    if isinstance(mark, Box):
        where = (f'x="{_n(mark.x)}" y="{_n(mark.y)}" width="{_n(mark.width)}" '
                 f'height="{_n(mark.height)}"')
        if mark.colour is EMPTY:
            paint = f'app-chart__bar--empty" {where} fill="{WHITE}" stroke="{PALETTE[2]}"'
        else:
            paint = f'app-chart__bar--{mark.colour}" {where} fill="{PALETTE[mark.colour]}"'
        note = f"<title>{escape(mark.note)}</title>" if mark.note else ""
        return f'<rect class="app-chart__bar {paint}>{note}</rect>'
    if isinstance(mark, Line):
        ends = f'x1="{_n(mark.x1)}" y1="{_n(mark.y1)}" x2="{_n(mark.x2)}" y2="{_n(mark.y2)}"'
        if mark.role == "grid":
            return f'<line class="app-spread__grid" {ends} stroke="{RULE}"></line>'
        return (f'<line class="app-spread__range" {ends} stroke="{PALETTE[0]}" '
                f'stroke-width="6" stroke-linecap="round"></line>')
    assert isinstance(mark, Dot)
    return (f'<circle class="app-spread__mean" cx="{_n(mark.x)}" cy="{_n(mark.y)}" '
            f'r="{_n(mark.r)}" fill="{WHITE}" stroke="{INK}" stroke-width="2"></circle>')


def _opening(chart: Chart, figure: Figure) -> str:
    classes = "app-chart app-spread" if chart.kind is Kind.RANGE else "app-chart"
    if chart.key:
        ids = f"{chart.key}-title" + (f" {chart.key}-desc" if chart.description else "")
        named = f'aria-labelledby="{escape(ids)}"'
        words = f'<title id="{escape(chart.key)}-title">{escape(chart.title)}</title>'
        if chart.description:
            words += f'<desc id="{escape(chart.key)}-desc">{escape(chart.description)}</desc>'
    else:
        named, words = f'aria-label="{escape(chart.title)}"', ""
    return (f'<svg class="{classes}" role="img" {named} '
            f'viewBox="0 0 {_n(figure.width)} {_n(figure.height)}" '
            # Drawn at its own size (text at app.css's 14px); app.css shrinks it to a narrower
            # screen, keeping its shape.
            f'width="{_n(figure.width)}" height="{_n(figure.height)}" '
            f'xmlns="http://www.w3.org/2000/svg">{words}')


def render(chart: Chart | None) -> Markup:
    """The chart's SVG; nothing for no chart (a scale with no numbers has no spread)."""
    if chart is None:
        return Markup("")
    figure = layout(chart)
    body = "".join(_mark(m) for m in figure.marks)
    return Markup(_opening(chart, figure) + body + "</svg>")  # noqa: S704 - all text escaped

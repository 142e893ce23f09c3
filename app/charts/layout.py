"""Where everything in a chart goes, worked out once for both renderers.

Units are those of the SVG's viewBox (y grows downwards; text `y` is its baseline, as in SVG
and reportlab). The PDF renderer scales the same figure to its page width, so a chart looks the
same on a page and in its PDF. Text is 14 units high (app.css sets 14px for chart text).
"""

from __future__ import annotations

from dataclasses import dataclass

from app import formatting
from app.charts.shape import DARK, EMPTY, Chart, Kind

FONT = 14
CHAR = 7  # about how wide a character of 14-unit text is
LABEL_CHAR = 9  # the widest a label's character may be, so a label never runs into a bar
MAX_LABEL = 42  # characters; longer labels end with an ellipsis (the table has them in full)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    role: str  # "label", "value" or "hidden" (why no figure is drawn)
    anchor: str = "start"  # or "middle", "end"
    light: bool = False  # white, on a dark part


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    colour: int | None  # palette index, or EMPTY (an outline)
    note: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    role: str  # "grid" (a scale point) or "range" (lowest to highest)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Figure:
    width: float
    height: float
    marks: tuple[Text | Box | Line | Dot, ...]


def short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "\u2026"


def value_text(value: float) -> str:
    return formatting.number(int(value)) if value == int(value) else formatting.decimal(value)


def layout(chart: Chart) -> Figure:
    return {Kind.BARS: _bars, Kind.STACKED: _stacked, Kind.RANGE: _range}[chart.kind](chart)


def _bars(chart: Chart) -> Figure:
    row_h, bar_w = 28, 300
    # The label column as wide as the longest label needs, as for stacked bars: a fixed 260
    # cut long labels off at the chart's left edge (an element and cycle on the trend page).
    longest = max((len(short(r.label)) for r in chart.rows), default=0)
    label_w = max(90, LABEL_CHAR * longest + 12)
    top = chart.maximum or max([*(r.whole for r in chart.rows), 1])
    marks: list = []
    for i, row in enumerate(chart.rows):
        y = 5 + i * row_h
        marks.append(Text(label_w - 8, y + 17, short(row.label), "label", "end"))
        if row.hidden:
            marks.append(Text(label_w, y + 17, row.hidden, "hidden"))
            continue
        width = round(bar_w * row.whole / top)
        if width > 0:
            marks.append(Box(label_w, y + 4, width, row_h - 8, row.parts[0].colour,
                             row.parts[0].note))
        marks.append(Text(label_w + width + 6, y + 17, value_text(row.whole) + chart.unit,
                          "value"))
    return Figure(label_w + bar_w + 60, row_h * len(chart.rows) + 10, tuple(marks))


def _legend(chart: Chart) -> tuple[list, float]:
    marks: list = []
    x = 0.0
    for part in chart.legend:
        marks += [Box(x, 4, FONT, FONT, part.colour), Text(x + FONT + 4, 16, part.label, "label")]
        x += FONT + 4 + CHAR * len(part.label) + 16
    return marks, (26 if marks else 0)


def _stacked(chart: Chart) -> Figure:
    width, bar, gap = 600, 22, 10
    longest = max((len(short(r.label)) for r in chart.rows), default=0)
    label_w = max(90, LABEL_CHAR * longest + 12)  # at most 390: longest is at most MAX_LABEL
    marks, top = _legend(chart)
    for i, row in enumerate(chart.rows):
        y = top + gap + i * (bar + gap)
        marks.append(Text(0, y + bar - 6, short(row.label), "label"))
        if row.hidden:
            marks.append(Text(label_w, y + bar - 6, row.hidden, "hidden"))
            continue
        x, span, whole = float(label_w), width - label_w, row.whole
        for part in row.parts:
            w = span * part.value / whole if whole else 0
            if w <= 0:
                continue
            marks.append(Box(x, y, w, bar, part.colour, part.note))
            if chart.part_values and part.colour is not EMPTY:
                marks.append(Text(x + 3, y + bar - 6, value_text(part.value), "value",
                                  light=part.colour in DARK))
            x += w
    return Figure(width, top + len(chart.rows) * (bar + gap) + gap, tuple(marks))


def _range(chart: Chart) -> Figure:
    row_h, label_w, plot_w, pad = 34, 300, 320, 20
    lo, hi = chart.axis[0][0], chart.axis[-1][0]

    def x(value: float) -> float:
        return round(label_w + pad + (value - lo) / max(hi - lo, 1) * (plot_w - 2 * pad), 1)

    height = row_h * len(chart.rows) + 40
    marks: list = []
    for value, word in chart.axis:
        marks += [Line(x(value), 22, x(value), height - 4, "grid"),
                  Text(x(value), 14, word, "value", "middle")]
    for i, row in enumerate(chart.rows):
        y = 30 + i * row_h + row_h / 2
        marks.append(Text(label_w - 8, y + 5, short(row.label), "label", "end"))
        if row.hidden or row.low is None or row.high is None:
            marks.append(Text(label_w + pad, y + 5, row.hidden or "", "hidden"))
            continue
        marks.append(Line(x(row.low), y, x(row.high), y, "range"))
        if row.mark is not None:
            marks.append(Dot(x(row.mark), y, 7))
    return Figure(label_w + plot_w + 10, height, tuple(marks))

"""Where everything in a chart goes, worked out once for both renderers.

Each row's label sits above its bar (or its range), wrapped onto as many lines as it needs, so
a chart is only as wide as its bars: a long label is never cut off or shortened, and a chart
stays readable when a phone's screen shrinks it. Units are those of the SVG's viewBox (y grows
downwards; text `y` is its baseline, as in SVG and reportlab); the page draws them as pixels
and the PDF scales them to its type size (app/charts/drawing.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from app import formatting
from app.charts.shape import DARK, EMPTY, Chart, Kind
from app.charts.words import FONT, LINE, width_of, wrap

WIDTH = 360  # a page's chart, in px; a 320 px screen shows it at four fifths. A PDF sets its own
BAR = 20  # a bar's thickness
GAP = 14  # between one row and the next label
SWATCH = 14  # a legend's colour square
BASELINE = FONT - 2  # from the top of a line of text to its baseline


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


def value_text(value: float, places: int | None = None) -> str:
    if places is not None:
        return formatting.decimal(value, places)
    return formatting.number(int(value)) if value == int(value) else formatting.decimal(value)


def layout(chart: Chart, width: float = WIDTH) -> Figure:
    return {Kind.BARS: _bars, Kind.STACKED: _stacked, Kind.RANGE: _range}[chart.kind](
        chart, width)


def _label(marks: list, text: str, y: float, width: float, role: str = "label") -> float:
    """The text's lines from `y` down, left-aligned; gives the y below them."""
    for line in wrap(text, width):
        marks.append(Text(0, y + BASELINE, line, role))
        y += LINE
    return y + 2


def _bars(chart: Chart, width: float) -> Figure:
    shown = [value_text(r.whole, chart.places) + chart.unit for r in chart.rows if not r.hidden]
    span = width - max((width_of(v) for v in shown), default=0) - 8  # the value after a bar
    top = chart.maximum or max([*(r.whole for r in chart.rows), 1])
    marks: list = []
    y = 2.0
    for row in chart.rows:
        y = _label(marks, row.label, y, width)
        if row.hidden:
            y = _label(marks, row.hidden, y, width, "hidden") + GAP - 2
            continue
        length = round(span * row.whole / top, 1)
        if length > 0:
            marks.append(Box(0, y, length, BAR, row.parts[0].colour, row.parts[0].note))
        marks.append(Text(length + 6, y + BAR / 2 + FONT * 0.35,
                          value_text(row.whole, chart.places) + chart.unit, "value"))
        y += BAR + GAP
    return Figure(width, y - GAP + 4, tuple(marks))


def _legend(chart: Chart, width: float) -> tuple[list, float]:
    """Each colour's square and name, left to right, onto a new line when the next would not
    fit; gives the marks and the y below them."""
    marks: list = []
    x, y, tallest = 0.0, 2.0, 0.0
    for part in chart.legend:
        lines = wrap(part.label, width - SWATCH - 4)
        wide = SWATCH + 4 + max(width_of(line) for line in lines)
        if x and x + wide > width:
            x, y, tallest = 0.0, y + tallest + 6, 0.0
        marks.append(Box(x, y + 2, SWATCH, SWATCH, part.colour))
        for n, line in enumerate(lines):
            marks.append(Text(x + SWATCH + 4, y + BASELINE + n * LINE, line, "label"))
        x += wide + 16
        tallest = max(tallest, len(lines) * LINE)
    return marks, (y + tallest + 10 if marks else 2.0)


def _stacked(chart: Chart, width: float) -> Figure:
    marks, y = _legend(chart, width)
    for row in chart.rows:
        y = _label(marks, row.label, y, width)
        if row.hidden:
            y = _label(marks, row.hidden, y, width, "hidden") + GAP - 2
            continue
        x, whole = 0.0, row.whole
        for part in row.parts:
            part_w = width * part.value / whole if whole else 0
            if part_w <= 0:
                continue
            marks.append(Box(round(x, 1), y, round(part_w, 1), BAR, part.colour, part.note))
            words = value_text(part.value)
            # A count goes inside its part only where it fits; the table has every figure.
            if chart.part_values and part.colour is not EMPTY and width_of(words) + 6 <= part_w:
                marks.append(Text(round(x + 3, 1), y + BAR / 2 + FONT * 0.35, words, "value",
                                  light=part.colour in DARK))
            x += part_w
        y += BAR + GAP
    return Figure(width, y - GAP + 4, tuple(marks))


def _range(chart: Chart, width: float) -> Figure:
    """The scale's words along the top, centred on their points (wrapped to the room between
    points); each row's label, then its line from lowest to highest with the mean's dot."""
    steps = max(len(chart.axis) - 1, 1)
    room = width / steps - 8  # then, once the ends are known, the room between two points
    for _ in range(2):
        words = [wrap(word, room) for _, word in chart.axis]
        left = max(max(width_of(w) for w in words[0]) / 2, 10) + 2
        right = max(max(width_of(w) for w in words[-1]) / 2, 10) + 2
        room = (width - left - right) / steps - 8
    lo, hi = chart.axis[0][0], chart.axis[-1][0]

    def x(value: float) -> float:
        return round(left + (value - lo) / max(hi - lo, 1) * (width - left - right), 1)

    marks: list = []
    for (value, _), lines in zip(chart.axis, words, strict=True):
        marks += [Text(x(value), 2 + BASELINE + n * LINE, line, "value", "middle")
                  for n, line in enumerate(lines)]
    y = 2 + max(len(lines) for lines in words) * LINE + 8
    for row in chart.rows:
        y = _label(marks, row.label, y, width)
        if row.hidden or row.low is None or row.high is None:
            y = _label(marks, row.hidden, y, width, "hidden") + GAP - 2 if row.hidden else y
            continue
        middle = y + 11
        # Short rules at each point of the scale, under this row's line only, so no rule
        # runs through a label.
        marks += [Line(x(value), middle - 10, x(value), middle + 10, "grid")
                  for value, _ in chart.axis]
        marks.append(Line(x(row.low), middle, x(row.high), middle, "range"))
        if row.mark is not None:
            marks.append(Dot(x(row.mark), middle, 7))
        y += 22 + GAP
    return Figure(width, y - GAP + 4, tuple(marks))

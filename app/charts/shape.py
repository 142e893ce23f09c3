"""The one shape of a chart, whatever draws it: a page (app/charts/svg.py) or a PDF
(app/charts/drawing.py). Builders in app/charts/builders.py make one from analysis results.

A chart is a title and rows, top to bottom. Each row is a label and either parts (bars) or a
span with a mark (a range), or a `hidden` text that is drawn instead of any figure (a group too
small to show). Pages always put a table of the same figures beside a chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    BARS = "bars"  # one bar per row, scaled to the largest; the value printed after it
    STACKED = "stacked"  # each row one whole, split into its parts (answers, ratings)
    RANGE = "range"  # each row a line from a low to a high value, with a mark (the mean)


# NHS colours; a part names one by its index (CSS classes app-chart__bar--0 to --6 match).
PALETTE = ("#005eb8", "#41b6e6", "#aeb7bd", "#ffb81c", "#d5281b", "#330072", "#007f3b")
NAMED = {"blue": 0, "light-blue": 1, "grey": 2, "amber": 3, "red": 4, "purple": 5, "green": 6}
EMPTY = None  # a part drawn as an outline: what is still to do (items not yet rated)
DARK = frozenset({0, 4, 5, 6})  # colours that take white text (contrast at least 4.5:1)


def colour(name: str | None) -> int:
    """The palette index of a definition's colour name (grey when it has none)."""
    return NAMED.get(name or "", NAMED["grey"])


@dataclass(frozen=True)
class Part:
    label: str
    value: float
    colour: int | None = 0  # index into PALETTE, or EMPTY
    note: str = ""  # what a pointer over the part shows, e.g. "Agree: 40%"


@dataclass(frozen=True)
class Row:
    label: str
    parts: tuple[Part, ...] = ()
    hidden: str | None = None  # drawn instead of any figure
    low: float | None = None  # RANGE rows
    high: float | None = None
    mark: float | None = None

    @property
    def whole(self) -> float:
        return sum(p.value for p in self.parts)


@dataclass(frozen=True)
class Chart:
    kind: Kind
    title: str  # the text alternative
    rows: tuple[Row, ...]
    key: str | None = None  # makes the SVG's element ids ({key}-title) when given
    description: str = ""  # the figures in words, for screen readers
    axis: tuple[tuple[float, str], ...] = ()  # RANGE: the scale's points and their words
    legend: tuple[Part, ...] = ()  # what each colour means, drawn above the rows
    part_values: bool = False  # STACKED: print each part's value inside it
    unit: str = ""  # BARS: after each printed value, e.g. "%"
    places: int | None = None  # BARS: decimal places every value is printed to (scores: 1)
    maximum: float | None = None  # BARS: the value of a full-width bar (else the largest)

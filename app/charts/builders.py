"""Charts made from analysis results, one builder per kind of figure. Each takes what the
analysis already returns (duck-typed, so this package imports no domain code) and gives the
one Chart shape that pages and PDFs both draw."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app import formatting
from app.charts.shape import EMPTY, PALETTE, Chart, Kind, Part, Row, colour

NOT_RATED = "Not yet rated"


def counts(title: str, labels: Sequence[str], values: Sequence[int],
           key: str | None = None) -> Chart:
    """How many chose each answer: one bar per answer (consultation questions)."""
    return Chart(Kind.BARS, title, tuple(Row(label, (Part(label, value),))
                                         for label, value in zip(labels, values, strict=True)),
                 key=key)


def shares(title: str, rows: Sequence[tuple[str, int | None]], hidden_text: str,
           key: str | None = None) -> Chart:
    """Percentages on a 0 to 100 scale, one bar per row; a row whose value is None is not
    shown: it gets the hidden text and no bar (a trend across waves)."""
    return Chart(Kind.BARS, title, tuple(
        Row(label, hidden=hidden_text) if value is None
        else Row(label, (Part(label, value, 0, f"{label}: {value}%"),))
        for label, value in rows), key=key, unit="%", maximum=100)


def scores(title: str, rows: Sequence[tuple[str, float | None]], maximum: float,
           missing: str, key: str | None = None) -> Chart:
    """Scores on a scale from 0 to `maximum`, one bar per row, printed to one decimal place; a
    row whose score is None gets the `missing` text and no bar (elements across cycles)."""
    return Chart(Kind.BARS, title, tuple(
        Row(label, hidden=missing) if value is None
        else Row(label, (Part(label, round(value, 1), 0, f"{label}: {value:.1f}"),))
        for label, value in rows), key=key, maximum=maximum, places=1)


def band_answers(title: str, cells: Iterable, hidden_text: str,
                 key: str | None = None) -> Chart:
    """One stacked bar per band (app.analysis.results.Cell), with a legend naming each answer's
    colour; a band that is not shown gets its hidden text and no bar at all."""
    rows, legend = [], ()
    for cell in cells:
        if not cell.shown or not cell.n or cell.answers_hidden:
            rows.append(Row(cell.label, hidden=hidden_text))
            continue
        rows.append(Row(cell.label, tuple(
            Part(label, count or 0, n % len(PALETTE), f"{label}: {pct}%")
            for n, (label, count, pct) in enumerate(cell.values))))
        legend = legend or tuple(Part(label, 0, n % len(PALETTE))
                                 for n, (label, _, _) in enumerate(cell.values))
    return Chart(Kind.STACKED, title, tuple(rows), key=key, legend=legend)


def element_ratings(rows: Iterable, scale: Sequence) -> Chart:
    """One stacked bar per element (app.diagnostic.progress rows): how many items have each
    rating, the rest not yet rated; a legend names each colour."""
    bars = []
    for row in rows:
        parts = [Part(c.label, row.counts.get(c.value, 0), colour(c.colour)) for c in scale]
        parts.append(Part(NOT_RATED, row.total - sum(row.counts.values()), EMPTY))
        bars.append(Row(row.element.title, tuple(parts)))
    legend = (*(Part(c.label, 0, colour(c.colour)) for c in scale), Part(NOT_RATED, 0, EMPTY))
    return Chart(Kind.STACKED, "Ratings by element: how many items have each rating",
                 tuple(bars), legend=legend, part_values=True)


def spread(spreads: Iterable, scale: Sequence, key: str = "consistency-chart") -> Chart | None:
    """Per element (app.analysis.ics.Spread), the lowest to the highest organisation's mean
    rating with the system mean marked; None when the scale has no numbers to place them on."""
    axis = tuple(sorted((int(c.value), c.label) for c in scale if c.value.isdigit()))
    if not axis:
        return None
    shown = [s for s in spreads if s.n]
    words = "; ".join(f"{s.title}: lowest {formatting.decimal(s.lowest)}, highest "
                      f"{formatting.decimal(s.highest)}, mean {formatting.decimal(s.mean)}"
                      for s in shown)
    return Chart(Kind.RANGE, "Spread of element ratings across organisations",
                 tuple(Row(s.title, low=s.lowest, high=s.highest, mark=s.mean) for s in shown),
                 key=key, description=words, axis=axis)

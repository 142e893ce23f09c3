"""How dates and numbers are written for people: on pages (as Jinja filters, registered in
app/templating.py), in PDFs, in messages and in exports' readable columns.

One place, so a date reads "3 March 2026" everywhere (GOV.UK style: no leading zero, the month
in full) and a percentage is rounded the same way on a page and in its PDF. Stored times are
naive UTC and are shown in the configured time zone (app/clock.py).
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date
from flask import has_request_context
from flask_babel import get_locale

from app import clock


def _language() -> str:
    """The page's interface language (app/i18n.py); English outside a request (PDFs, mail)."""
    locale = get_locale() if has_request_context() else None
    return str(locale) if locale is not None else "en"


def long_date(value: date | datetime | None) -> str:
    """3 March 2026; a stored moment is first turned into local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock.local(value)
    language = _language()
    if language != "en":  # "4 Rhagfyr 2026": the month's name from CLDR
        return format_date(value, "d MMMM y", locale=language)
    return f"{value.day} {value:%B %Y}"


def date_time(value: datetime | None) -> str:
    """3 March 2026 at 14:05, in local time."""
    if value is None:
        return ""
    value = clock.local(value)
    return f"{value.day} {value:%B %Y} at {value:%H:%M}"


def short_date(value: date | None) -> str:
    """03/03/2026: for narrow table columns only."""
    return "" if value is None else f"{value:%d/%m/%Y}"


def date_range(first: date, last: date) -> str:
    return f"{long_date(first)} to {long_date(last)}"


def period(first: date, last: date) -> str:
    """22 October to 18 November 2026: what the two ends share is written once, as people
    write it (provenance of staff-survey figures)."""
    if first == last:
        return long_date(first)
    if first.year != last.year:
        return date_range(first, last)
    if first.month != last.month:
        return f"{first.day} {first:%B} to {long_date(last)}"
    return f"{first.day} to {long_date(last)}"


def number(value: int) -> str:
    """A count with thousands separators: 1,234."""
    return f"{value:,}"


def decimal(value: float, places: int = 1) -> str:
    """A mean or spread to a fixed number of places: 2.5."""
    return f"{value:.{places}f}"


def percent(part: int, whole: int) -> int | None:
    """The whole-number percentage part/whole is of; None of nothing (callers say what to show).

    Python's round: halves go to the even neighbour, the same on every page and output."""
    return round(100 * part / whole) if whole else None


def percent_text(part: int, whole: int) -> str:
    """12%; 0% of nothing (a table row of a question nobody answered)."""
    return f"{percent(part, whole) or 0}%"

"""date: a real date, typed as day, month and year; stored as 2026-02-03, shown as
3 February 2026."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..messages import error_message, said
from ..schema import Question
from .families import TypedKind
from .registry import register

if TYPE_CHECKING:
    from ..samples import Sampler

# Years outside these are typing slips (a 2-digit year, an extra digit), not dates anyone means.
FIRST_YEAR, LAST_YEAR = 1900, 2200


@register
class Date(TypedKind):
    name = "date"
    widget = "date"
    error_keys = ("required", "invalid")
    fallback_required = said("Enter a date")
    exported_as_typed = False  # the label column has the date in words

    def parser(self, question: Question) -> Callable[[str], Any]:
        message = error_message(question, "invalid")

        def parse(text: str) -> date:
            """`year-month-day` as typed in the three boxes."""
            try:
                year, month, day = (int(part) for part in text.split("-"))
                value = date(year, month, day)
            except (ValueError, OverflowError):  # "31313131" overflows date()
                raise ValueError(message) from None
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise ValueError(message)
            return value

        return parse

    def form_value(self, question: Question, stored: Any) -> Any:
        try:
            return date.fromisoformat(stored)
        except (TypeError, ValueError):
            return None

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        return {question.id: date(2026, 1, 1) + timedelta(days=make.rng.randrange(365))}

    def message(self, question: Question, key: str) -> str:
        if key == "invalid":
            return said("Date must be a real date, like 28 2 2020")
        return super().message(question, key)

    def display_value(self, question: Question, value: str,
                      organisations: Mapping[str, str]) -> str:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return f"{day.day} {day:%B %Y}"

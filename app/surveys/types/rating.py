"""rating: an item's rating on the diagnostic's rating_scale (diagnostics only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import said
from ..schema import Question
from .families import FixedChoiceKind
from .registry import register

if TYPE_CHECKING:
    from ..questions import Scope


@register
class Rating(FixedChoiceKind):
    name = "rating"
    fallback_required = said("Select a rating")

    def fixed_choices(self, scope: Scope) -> tuple:
        return scope.rating_scale

    def refused_in(self, survey_kind: str) -> str | None:
        if survey_kind == "diagnostic":
            return None
        return "rating questions use a diagnostic's rating_scale; use likert here"

    def outline_lines(self, question: Question) -> list[str]:
        return []  # the outline lists the rating scale once, with the diagnostic

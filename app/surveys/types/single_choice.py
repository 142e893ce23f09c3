"""single_choice: one value of the question's choices, asked as radios."""

from __future__ import annotations

from .families import ChoiceKind
from .registry import register


@register
class SingleChoice(ChoiceKind):
    name = "single_choice"

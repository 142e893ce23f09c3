"""multiple_choice: any of the question's choices, asked as checkboxes; stored as a list."""

from __future__ import annotations

from .families import ChoiceKind
from .registry import register


@register
class MultipleChoice(ChoiceKind):
    name = "multiple_choice"
    widget = "checkboxes"
    multiple = True

"""select: one value of the question's choices, asked as a drop-down list."""

from __future__ import annotations

from .families import ChoiceKind
from .registry import register


@register
class Select(ChoiceKind):
    name = "select"
    widget = "select"

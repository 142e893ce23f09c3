"""likert: one point of an agreement scale (the question's choices), asked as radios."""

from __future__ import annotations

from .families import ChoiceKind
from .registry import register


@register
class Likert(ChoiceKind):
    name = "likert"

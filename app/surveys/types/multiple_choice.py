"""multiple_choice: any of the question's choices, asked as checkboxes; stored as a list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..schema import Question
from .families import ChoiceKind
from .registry import register

if TYPE_CHECKING:
    from ..samples import Sampler


@register
class MultipleChoice(ChoiceKind):
    name = "multiple_choice"
    widget = "checkboxes"
    multiple = True

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        values = [c.value for c in question.choices]
        return {question.id: make.some(values)} if values else {}

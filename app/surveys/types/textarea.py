"""textarea: a typed answer of several sentences, with a character count (5000). It is the
free text a consultation may publish, redacted, with the respondent's consent."""

from __future__ import annotations

from dataclasses import replace

from ..schema import Question
from .base import FieldSpec
from .families import TextKind
from .registry import register


@register
class Textarea(TextKind):
    name = "textarea"
    widget = "textarea"
    default_max_length = 5000
    is_free_text = True
    is_published = True

    def fields(self, question: Question) -> tuple[FieldSpec, ...]:
        return tuple(replace(spec, max_length=question.max_length)
                     for spec in super().fields(question))

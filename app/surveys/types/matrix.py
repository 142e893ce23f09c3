"""matrix: one value of the question's choices for each of its rows, one fieldset per row;
a row's answer is keyed `question_id.row_id`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..messages import said
from ..questions import build_rows
from ..schema import Question
from .base import FieldSpec
from .families import ChoiceKind
from .registry import register

if TYPE_CHECKING:
    from ..questions import Scope
    from ..samples import Sampler
    from ..yamlnodes import Ctx
    from .base import Get


@register
class Matrix(ChoiceKind):
    name = "matrix"
    keys = frozenset({"choices", "rows"})
    required_keys = frozenset({"choices", "rows"})
    fallback_required = said("Select an answer for each row")
    has_rows = True

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        built = super().build(ctx, get, scope)
        rows = build_rows(ctx, get("rows")) if get("rows") is not None else ()
        return None if built is None or rows is None else {**built, "rows": rows}

    def answer_keys(self, question: Question) -> tuple[str, ...]:
        return tuple(f"{question.id}.{row.id}" for row in question.rows)

    def fields(self, question: Question) -> tuple[FieldSpec, ...]:
        choices = tuple((c.value, c.label) for c in question.choices)
        return tuple(FieldSpec(
            key=key, widget="radios", label=row.label, choices=choices,
            required=None if question.optional else question.errors.get(
                "required", said("Select an answer for '%(row)s'", row=row.label)),
            one_only=said("Select one answer only"),
        ) for key, row in zip(self.answer_keys(question), question.rows, strict=True))

    def display_lines(self, question: Question, answers: Mapping[str, Any],
                      organisations: Mapping[str, str]) -> list[str]:
        return [f"{row.label}: {self.display_value(question, value, organisations)}"
                for key, row in zip(self.answer_keys(question), question.rows, strict=True)
                if (value := answers.get(key)) is not None]

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        values = [c.value for c in question.choices]
        return {key: make.leaning(values) for key in self.answer_keys(question)} if values else {}

    def outline_lines(self, question: Question) -> list[str]:
        rows = [f"  {row.id} = {row.label}" for row in question.rows]
        return ["rows:", *rows, *super().outline_lines(question)]

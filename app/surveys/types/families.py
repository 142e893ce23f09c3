"""What kinds of type share: answers chosen from a list, and answers typed in a box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..messages import error_message, said
from ..outline import choice_lines
from ..questions import choices_ref
from ..schema import Question
from .base import Check, QuestionKind

if TYPE_CHECKING:
    from ..questions import Scope
    from ..samples import Sampler
    from ..yamlnodes import Ctx
    from .base import Get


class ChoiceKind(QuestionKind):
    """Answers are values of the question's `choices`: counted by value, testable by show_if."""

    keys = frozenset({"choices"})
    required_keys = frozenset({"choices"})
    widget = "radios"
    has_values = True

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        node = get("choices")
        choices = () if node is None else choices_ref(ctx, node, scope.choices, "choices")
        return None if choices is None else {"choices": choices}

    def outline_lines(self, question: Question) -> list[str]:
        return ["choices:", *choice_lines(question.choices, "  ")]

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        values = [c.value for c in question.choices]
        return {question.id: make.leaning(values)} if values else {}


class FixedChoiceKind(ChoiceKind):
    """Choices the definition does not write: the type (or the survey's scope) supplies them."""

    keys = frozenset()
    required_keys = frozenset()

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        return {"choices": self.fixed_choices(scope)}

    def fixed_choices(self, scope: Scope) -> tuple:
        raise NotImplementedError


class TypedKind(QuestionKind):
    """Answers typed in a box, stored and exported as typed."""

    verb = "Enter"
    exported_as_typed = True


class TextKind(TypedKind):
    """Text with a length limit (`max_length`, else the type's default)."""

    keys = frozenset({"max_length"})
    error_keys = ("required", "too_long")

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        longest = ctx.integer(get("max_length"), "max_length", minimum=1)
        return {"max_length": longest or self.default_max_length}

    def checks(self, question: Question) -> tuple[Check, ...]:
        longest, message = question.max_length, error_message(question, "too_long")
        if longest is None:
            return ()
        return (lambda text: message if len(text) > longest else None,)

    def message(self, question: Question, key: str) -> str:
        if key == "too_long":
            return said("Answer must be %(most)s characters or fewer", most=question.max_length)
        return super().message(question, key)

    def outline_facts(self, question: Question) -> list[str]:
        return [] if question.max_length is None else [f"max {question.max_length} characters"]

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        return {question.id: make.words(question.max_length)}

"""organisation: which organisation the respondent works for, chosen from the organisations in
the database (the page is given them), shown by name; with `system: CODE`, only that system's.
"My organisation is not listed" (the value `not-listed`) is always offered, last, so nobody is
stuck, and a show_if may test for it to ask for the name in words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..messages import said
from ..schema import Question
from .base import FieldSpec, QuestionKind
from .registry import register

if TYPE_CHECKING:
    from ..questions import Scope
    from ..yamlnodes import Ctx
    from .base import Get

NOT_LISTED = "not-listed"  # organisation codes are capitals and digits, so it never clashes
NOT_LISTED_LABEL = said("My organisation is not listed")
# A system's code as the admin pages and the organisations import take it (like QZ9).
SYSTEM_CODE = re.compile(r"[A-Z0-9]{2,12}")


def system_of(question: Question) -> str | None:
    """The system whose organisations the question offers; None: every organisation."""
    return question.options.get("system")


@register
class Organisation(QuestionKind):
    name = "organisation"
    keys = frozenset({"system"})
    widget = "select"
    default_label = "Which organisation do you work for?"
    fallback_required = said("Select your organisation")
    needs_organisations = True

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        node = get("system")
        if node is None:
            return {}
        code = ctx.text(node, "system")
        if code is None:
            return None
        if not SYSTEM_CODE.fullmatch(code):
            ctx.error(node, "bad-value", f"system must be a system's code, 2 to 12 capital "
                      f"letters or digits, like QZ9 (got '{code}')")
            return None
        return {"options": {"system": code}}

    def fields(self, question: Question) -> tuple[FieldSpec, ...]:
        # The page's organisations come first, then this choice (app/forms/survey.py).
        return tuple(replace(spec, system=system_of(question),
                             choices=((NOT_LISTED, NOT_LISTED_LABEL),))
                     for spec in super().fields(question))

    def condition_values(self, question: Question) -> tuple[str, ...]:
        return (NOT_LISTED,)

    def display_value(self, question: Question, value: str,
                      organisations: Mapping[str, str]) -> str:
        if value == NOT_LISTED:
            return NOT_LISTED_LABEL
        return organisations.get(value, value)

    def export_label(self, question: Question, values: list[str]) -> str:
        # The export has no organisation names: an organisation is given by its code.
        return "; ".join(self.display_value(question, value, {}) for value in values)

    def outline_facts(self, question: Question) -> list[str]:
        system = system_of(question)
        return [f"system {system}"] if system else []

    def outline_lines(self, question: Question) -> list[str]:
        system = system_of(question)
        which = f"system {system}'s organisations" if system else "every organisation"
        return [f"choices: {which} in the database, then", f"  {NOT_LISTED} = {NOT_LISTED_LABEL}"]

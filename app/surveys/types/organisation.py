"""organisation: which organisation the respondent works for, from a drop-down list of the
organisations in the database (the page is given them), shown by name."""

from __future__ import annotations

from collections.abc import Mapping

from ..messages import said
from ..schema import Question
from .base import QuestionKind
from .registry import register


@register
class Organisation(QuestionKind):
    name = "organisation"
    widget = "select"
    default_label = "Which organisation do you work for?"
    fallback_required = said("Select your organisation")
    needs_organisations = True
    exported_as_typed = True  # the export has no organisation names: it gives the code

    def display_value(self, question: Question, value: str,
                      organisations: Mapping[str, str]) -> str:
        return organisations.get(value, value)

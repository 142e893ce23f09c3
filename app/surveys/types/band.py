"""band: the respondent's Agenda for Change pay band, from the built-in list. Staff-voice
results are split by it, so it is the group a figure belongs to, not a question of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import said
from ..schema import BAND_CHOICES, Question
from .families import FixedChoiceKind
from .registry import register

if TYPE_CHECKING:
    from ..questions import Scope


@register
class Band(FixedChoiceKind):
    name = "band"
    default_label = "What is your pay band?"
    fallback_required = said("Select your pay band")
    groups_respondents = True

    def fixed_choices(self, scope: Scope) -> tuple:
        return BAND_CHOICES

    def outline_lines(self, question: Question) -> list[str]:
        return ["choices: the built-in Agenda for Change bands"]

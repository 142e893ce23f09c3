"""Answers as people read them (choice labels, dates in words), as each question's type shows
them: check your answers, a response's page, what a closed page was sent, the export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .schema import Question


def answer_lines(question: Question, answers: Mapping[str, Any],
                 organisations: Mapping[str, str] | None = None) -> list[str]:
    """The answer to `question` as lines of text (empty when unanswered); `organisations`
    maps codes to names for an organisation question."""
    return question.kind.display_lines(question, answers, organisations or {})


def answer_text(question: Question, answers: Mapping[str, Any],
                organisations: Mapping[str, str] | None = None) -> str:
    return "\n".join(answer_lines(question, answers, organisations))

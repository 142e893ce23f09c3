"""Answers as people read them: choice labels instead of stored values."""

from __future__ import annotations

from datetime import date

from app.formatting import long_date
from app.surveys import Question

NOT_ANSWERED = "Not answered"


def _label(question: Question, value: str, organisations: dict[str, str]) -> str:
    if question.type == "organisation":
        return organisations.get(value, value)
    for choice in question.choices:
        if choice.value == value:
            return choice.label
    return value


def answer_lines(question: Question, answers: dict,
                 organisations: dict[str, str] | None = None) -> list[str]:
    """The answer to `question` as lines of text (empty when unanswered)."""
    orgs = organisations or {}
    if question.type == "matrix":
        lines = []
        for row in question.rows:
            value = answers.get(f"{question.id}.{row.id}")
            if value is not None:
                lines.append(f"{row.label}: {_label(question, value, orgs)}")
        return lines
    value = answers.get(question.id)
    if value is None or value == "":
        return []
    values = value if isinstance(value, list) else [value]
    if question.type == "date":
        out = []
        for one in values:
            try:
                day = date.fromisoformat(one)
                out.append(long_date(day))
            except ValueError:
                out.append(one)
        return out
    return [_label(question, str(one), orgs) for one in values]


def answer_text(question: Question, answers: dict,
                organisations: dict[str, str] | None = None) -> str:
    return "\n".join(answer_lines(question, answers, organisations))

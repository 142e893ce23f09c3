"""Consultation counts: responses, by respondent type, and per question.

Consultations are not anonymous-by-group like staff voice, so no small-number suppression is
applied here; every count is over stored responses to the given survey.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.extensions import db
from app.models import ConsultationResponse, answers_table
from app.models import Response as ResponseRow
from app.surveys import Counting, Question, Survey


def response_counts(survey_ids: list[str]) -> dict[str, int]:
    rows = db.session.execute(
        select(ConsultationResponse.survey_id, func.count())
        .where(ConsultationResponse.survey_id.in_(survey_ids))
        .group_by(ConsultationResponse.survey_id))
    found = dict(rows.all())
    return {sid: found.get(sid, 0) for sid in survey_ids}


def total_responses(survey_id: str) -> int:
    return response_counts([survey_id])[survey_id]


@dataclass(frozen=True)
class Count:
    """How many gave one answer (or were of one respondent type), under its label."""

    label: str
    count: int


def by_respondent_type(survey: Survey) -> list[Count]:
    rows = dict(db.session.execute(
        select(ConsultationResponse.respondent_type, func.count())
        .where(ConsultationResponse.survey_id == survey.id)
        .group_by(ConsultationResponse.respondent_type)).all())
    counts = [Count(c.label, rows.pop(c.value, 0)) for c in survey.respondent_types]
    if rows:
        counts.append(Count("Not given", sum(rows.values())))
    return counts


def _value_counts(survey_id: str, key: str) -> tuple[dict[str, int], int]:
    base = (select(answers_table.c.value, func.count(func.distinct(answers_table.c.response_id)))
            .join(ResponseRow, ResponseRow.id == answers_table.c.response_id)
            .where(ResponseRow.survey_id == survey_id, answers_table.c.question_id == key)
            .group_by(answers_table.c.value))
    counts = dict(db.session.execute(base).all())
    answered = db.session.scalar(
        select(func.count(func.distinct(answers_table.c.response_id)))
        .join(ResponseRow, ResponseRow.id == answers_table.c.response_id)
        .where(ResponseRow.survey_id == survey_id, answers_table.c.question_id == key)) or 0
    return counts, answered


@dataclass(frozen=True)
class QuestionCounts:
    question: Question
    title: str  # the question label, or "label: row" for a matrix row
    answered: int  # respondents who gave any answer
    counts: tuple[Count, ...]


def question_counts(survey: Survey) -> list[QuestionCounts]:
    """Counts for every question with fixed answers (a matrix gives one entry per row)."""
    out = []
    for question in survey.questions():
        if question.kind.counting is not Counting.CHOICES:
            continue
        keys = ([(f"{question.id}.{r.id}", f"{question.label}: {r.label}") for r in question.rows]
                if question.kind.has_rows else [(question.id, question.label)])
        for key, title in keys:
            counts, answered = _value_counts(survey.id, key)
            out.append(QuestionCounts(question, title, answered, tuple(
                Count(c.label, counts.get(c.value, 0)) for c in question.choices)))
    return out

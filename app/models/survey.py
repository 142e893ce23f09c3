"""Definition snapshots, drafts in progress, and submitted responses with their answers.

A response row is deliberately thin (see architecture.md, "Anonymity by construction"): no user,
IP, user agent or token id, and its time only to the day. Anything a consultation needs beyond
that lives in consultation_responses.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow


class DefinitionSnapshot(db.Model):
    """A definition exactly as loaded: never changed once stored."""

    __tablename__ = "definition_snapshots"
    __table_args__ = (UniqueConstraint("survey_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[str] = mapped_column(Text)  # canonical JSON (app.surveys.canonical_json)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SurveyDraft(db.Model):
    """Answers on their way to a response: kept server side between pages and for resuming.

    Holds no user id either; the resume code is the only way back to it.
    """

    __tablename__ = "survey_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: answer key -> value(s)
    submission_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Response(db.Model):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("definition_snapshots.id"), index=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date] = mapped_column(Date)
    # A double click or a retry carries the same key, so it stores one response.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    wave_id: Mapped[int | None] = mapped_column(Integer)  # staff-voice waves (no FK)

    # With the id, a random sample of a wave's response ids is read from the index alone
    # (migration 0009).
    __table_args__ = (Index("ix_responses_wave_id_id", "wave_id", "id"),)


# Answers are a plain table, written with one executemany per response and read by
# app/analysis: no ORM object per answer. A multiple choice answer is one row per value.
answers_table = Table(
    "response_answers",
    db.metadata,
    Column("id", Integer, primary_key=True),
    Column("response_id", Integer, ForeignKey("responses.id", ondelete="CASCADE"),
           nullable=False),
    # Not indexed alone: queries narrow by response first (see migration 0007).
    Column("question_id", String(200), nullable=False),
    Column("value", Text, nullable=False),
    # Answers by response, and one response's answer to a question (migration 0009).
    Index("ix_response_answers_response_id_question_id", "response_id", "question_id"),
)

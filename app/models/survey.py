"""Definition snapshots, drafts in progress, and submitted responses with their answers.

A response row is deliberately thin (see architecture.md, "Anonymity by construction"): no user,
IP, user agent or token id, and its time only to the day. Anything a consultation needs beyond
that lives in consultation_responses.

Ids carry no order that could date an anonymous response (app/runner/store.py gives them out):
staff-voice responses get random ids, consultation responses count up in a range of their own,
and answers have no id at all.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
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
from app.models.base import IdKey, utcnow


class DefinitionSnapshot(IdKey, db.Model):
    """A definition exactly as loaded: never changed once stored."""

    __tablename__ = "definition_snapshots"
    __table_args__ = (UniqueConstraint("survey_id", "content_hash"),)

    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[str] = mapped_column(Text)  # canonical JSON (app.surveys.canonical_json)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# 64-bit ids on PostgreSQL; on SQLite the column must stay INTEGER PRIMARY KEY, the rowid
# itself (a BIGINT key would leave a hidden rowid counting up beside it). Both are 64-bit.
RESPONSE_ID = BigInteger().with_variant(Integer(), "sqlite")


class SurveyDraft(IdKey, db.Model):
    """Answers on their way to a consultation response: kept server side between pages and for
    resuming. (Anonymous staff-voice answers are never kept here: app/runner/session_drafts.)

    Holds no user id either; the resume code is the only way back to it.
    """

    __tablename__ = "survey_drafts"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: answer key -> value(s)
    submission_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Response(db.Model):
    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(RESPONSE_ID, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("definition_snapshots.id"), index=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date] = mapped_column(Date)
    # A double click or a retry carries the same key, so it stores one response. A staff-voice
    # response's key is overwritten once the retry window has passed (app/retention.py).
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    wave_id: Mapped[int | None] = mapped_column(Integer)  # staff-voice waves (no FK)

    # With the id, a random sample of a wave's response ids is read from the index alone
    # (migration 0009).
    __table_args__ = (Index("ix_responses_wave_id_id", "wave_id", "id"),)


# Answers are a plain table, written with one executemany per response and read by
# app/analysis: no ORM object per answer. A multiple choice answer is one row per value, `seq`
# keeping their order. No id of their own: a counter shared by every survey's answers would
# date anonymous ones between timed consultation answers. The key (response, question, seq)
# finds a response's answers, and one response's answer to a question; on SQLite the table is
# WITHOUT ROWID, so no hidden rowid counts up either (migration 0012).
answers_table = Table(
    "response_answers",
    db.metadata,
    Column("response_id", RESPONSE_ID, ForeignKey("responses.id", ondelete="CASCADE"),
           primary_key=True),
    Column("question_id", String(200), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("value", Text, nullable=False),
    sqlite_with_rowid=False,
)

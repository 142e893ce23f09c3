"""Staff-voice waves, single-use access codes, and the counts kept for results.

Anonymity by construction (architecture.md): responses live in helper tables `responses` and
`response_answers` with no user, address, browser, code or time finer than the day. Access codes
are stored only as keyed hashes, with a spent flag and nothing else: no time of use and no column
that could join a code to the response it was spent on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, Lifecycle, belongs_to, utcnow
from app.models.org import Organisation


class WaveState(Lifecycle):
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


class Wave(IdKey, db.Model):
    """One run of a staff-voice survey in one organisation, open between two dates."""

    __tablename__ = "staff_voice_waves"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("definition_snapshots.id"))
    opens_on: Mapped[date] = mapped_column(Date)  # from the start of the day, Europe/London
    closes_on: Mapped[date] = mapped_column(Date)  # to the end of the day, Europe/London
    # The London day a lead closed it early ("Close this wave now"); closes_on stays as planned.
    closed_early_on: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    # The public link is /staff/<token>/: unguessable, so waves cannot be enumerated.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # The short address to type, /s/K7QF-2M, stored as K7QF2M (app/staff_voice/short_links.py).
    short_code: Mapped[str] = mapped_column(String(6), unique=True, index=True)
    uses_codes: Mapped[bool] = mapped_column(Boolean, default=False)
    # The threshold it launched with: a later edit of the definition never lowers it.
    min_group_size: Mapped[int] = mapped_column(Integer, default=11, server_default="11")
    # JSON {band: number of staff}, given by the lead, for response rates (optional).
    headcounts: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship()

    def state(self, today: date) -> WaveState:
        """The one place that decides whether a wave is scheduled, open or closed."""
        if self.closed_early_on is not None and today >= self.closed_early_on:
            return WaveState.CLOSED
        if today < self.opens_on:
            return WaveState.SCHEDULED
        if today > self.closes_on:
            return WaveState.CLOSED
        return WaveState.OPEN

    @property
    def last_day(self) -> date:
        """The day it stopped taking responses: the day a lead closed it, or its closing date."""
        return self.closed_early_on or self.closes_on


class AccessCode(IdKey, db.Model):
    """A single-use code for staff without email or a desk. Only a keyed hash is stored."""

    __tablename__ = "staff_voice_access_codes"

    wave_id: Mapped[int] = belongs_to("staff_voice_waves.id")
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    spent: Mapped[bool] = mapped_column(Boolean, default=False)


class FigureKey:
    """Mixin: which figure a count `n` is, the number in `band` who gave `value` to
    `question_id`. Its columns follow the class's own and precede `n` (sort_order=1)."""

    band: Mapped[str] = mapped_column(String(20))
    question_id: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(200))


class AnswerCount(IdKey, FigureKey, db.Model):
    """How many respondents in a band gave `value` to a question in a wave (kept incrementally)."""

    __tablename__ = "staff_voice_counts"
    __table_args__ = (UniqueConstraint("wave_id", "band", "question_id", "value"),)

    wave_id: Mapped[int] = belongs_to("staff_voice_waves.id")
    n: Mapped[int] = mapped_column(Integer, default=0, sort_order=1)


class BandCount(IdKey, db.Model):
    """How many people in a band responded to a wave (kept incrementally)."""

    __tablename__ = "staff_voice_respondents"
    __table_args__ = (UniqueConstraint("wave_id", "band"),)

    wave_id: Mapped[int] = belongs_to("staff_voice_waves.id")
    band: Mapped[str] = mapped_column(String(20))
    n: Mapped[int] = mapped_column(Integer, default=0)

"""A consultation's status: forthcoming, open or closed, on Europe/London days.

Status comes from the schedule in the definition (open from the start of `opens` to the end of
`closes`), then any admin override stored in consultation_states.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app import clock
from app.extensions import db
from app.models import ConsultationState
from app.models.base import Lifecycle
from app.surveys import Survey


class Phase(Lifecycle):
    """Where a consultation is in its life."""

    FORTHCOMING = "forthcoming"
    OPEN = "open"
    CLOSED = "closed"


FORTHCOMING, OPEN, CLOSED = Phase


@dataclass(frozen=True)
class Status:
    state: Phase
    opens: date | None
    closes: date | None
    forced: str | None
    reason: str | None

    @property
    def is_open(self) -> bool:
        return self.state is OPEN

    @property
    def is_forthcoming(self) -> bool:
        return self.state is FORTHCOMING

    @property
    def is_closed(self) -> bool:
        return self.state is CLOSED


def status_of(survey: Survey, state: ConsultationState | None = None,
              now: datetime | None = None) -> Status:
    state = state if state is not None else db.session.get(ConsultationState, survey.id)
    opens = (state and state.opens) or (survey.schedule.opens if survey.schedule else None)
    closes = (state and state.closes) or (survey.schedule.closes if survey.schedule else None)
    forced = state.forced if state else None
    reason = state.reason if state else None
    today = clock.local(now).date() if now else clock.today()
    if forced in (OPEN, CLOSED):
        # "Open now --until DATE" still closes at the end of that day.
        if forced == OPEN:
            closes = state.closes  # "open now" without --until stays open until closed
        if forced == OPEN and closes and today > closes:
            return Status(CLOSED, opens, closes, forced, reason)
        if forced == CLOSED and state.forced_at:
            closed_on = clock.local(state.forced_at).date()
            closes = min(closes, closed_on) if closes else closed_on
            opens = min(opens, closes) if opens else None
        return Status(Phase(forced), opens, closes, forced, reason)
    if opens is None or today < opens:
        return Status(FORTHCOMING, opens, closes, None, reason)
    if closes is not None and today > closes:
        return Status(CLOSED, opens, closes, None, reason)
    return Status(OPEN, opens, closes, None, reason)


def closes_at(day: date) -> datetime:
    """The moment a close date ends, in London time."""
    return datetime.combine(day + timedelta(days=1), time(0), clock.zone())

"""Admin actions on a consultation's status (callers commit), for the pages and the CLI."""

from __future__ import annotations

from datetime import date

from app import clock, webhooks
from app.consultations.locking import lock
from app.consultations.status import CLOSED, OPEN, Status, status_of
from app.formatting import long_date
from app.models import record
from app.models.base import utcnow
from app.surveys import Survey


class ActionRefused(ValueError):
    """An admin action that cannot be done as asked; the message says why."""


def open_now(survey: Survey, until: date | None = None, actor=None,
             reason: str | None = None) -> Status:
    state = lock(survey.id)
    today = clock.today()
    if until is not None and until < today:
        raise ActionRefused(f"the close date {long_date(until)} is in the past")
    state.forced, state.forced_at, state.reason = OPEN, utcnow(), (reason or None)
    if state.opens is None or state.opens > today:
        state.opens = today
    state.closes = until
    record("consultation_opened", survey.id, actor=actor, until=until, reason=reason)
    state.announced = OPEN
    webhooks.emit("consultation.opened", {"consultation": survey.id, "closes": until},
                  utcnow())
    return status_of(survey, state)


def close_now(survey: Survey, reason: str | None = None, actor=None) -> Status:
    state = lock(survey.id)
    state.forced, state.forced_at, state.reason = CLOSED, utcnow(), (reason or None)
    record("consultation_closed", survey.id, actor=actor, reason=reason)
    state.announced = CLOSED
    webhooks.emit("consultation.closed", {"consultation": survey.id}, utcnow())
    return status_of(survey, state)


def reschedule(survey: Survey, opens: date, closes: date, actor=None,
               reason: str | None = None) -> Status:
    if closes < opens:
        raise ActionRefused(
            f"the close date ({long_date(closes)}) is before the open date "
            f"({long_date(opens)})")
    state = lock(survey.id)
    state.opens, state.closes = opens, closes
    state.forced, state.forced_at, state.reason = None, None, (reason or None)
    record("consultation_rescheduled", survey.id, actor=actor, opens=opens, closes=closes,
           reason=reason)
    return status_of(survey, state)

"""Consultation status and admin actions, shared by the web pages and `flask consultations`.

Status comes from the schedule in the definition (dates are Europe/London days: open from the
start of `opens` to the end of `closes`), then any admin override stored in consultation_states.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import ConsultationResponse, ConsultationState, Response, record
from app.models.base import utcnow
from app.surveys import Survey

LONDON = ZoneInfo("Europe/London")
FORTHCOMING, OPEN, CLOSED = "forthcoming", "open", "closed"
REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class ActionRefused(ValueError):
    """An admin action that cannot be done as asked; the message says why."""


def now_london() -> datetime:
    return datetime.now(LONDON)


def today_london() -> date:
    return now_london().date()


@dataclass(frozen=True)
class Status:
    state: str  # forthcoming, open or closed
    opens: date | None
    closes: date | None
    forced: str | None
    reason: str | None

    @property
    def is_open(self) -> bool:
        return self.state == OPEN


def get_state(survey_id: str) -> ConsultationState:
    """The state row, created on first use (it is what submissions and closes lock)."""
    state = db.session.get(ConsultationState, survey_id)
    if state is None:
        # Called at the start of a transaction (see lock), so committing here loses nothing.
        db.session.add(ConsultationState(survey_id=survey_id, lock_version=0))
        try:
            db.session.commit()
        except IntegrityError:  # created by a racing request
            db.session.rollback()
        state = db.session.get(ConsultationState, survey_id)
    return state


def status_of(survey: Survey, state: ConsultationState | None = None,
              now: datetime | None = None) -> Status:
    state = state if state is not None else db.session.get(ConsultationState, survey.id)
    opens = (state and state.opens) or (survey.schedule.opens if survey.schedule else None)
    closes = (state and state.closes) or (survey.schedule.closes if survey.schedule else None)
    forced = state.forced if state else None
    reason = state.reason if state else None
    today = (now.astimezone(LONDON) if now else now_london()).date()
    if forced in (OPEN, CLOSED):
        # "Open now --until DATE" still closes at the end of that day.
        if forced == OPEN:
            closes = state.closes  # "open now" without --until stays open until closed
        if forced == OPEN and closes and today > closes:
            return Status(CLOSED, opens, closes, forced, reason)
        if forced == CLOSED and state.forced_at:
            closed_on = state.forced_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(LONDON).date()
            closes = min(closes, closed_on) if closes else closed_on
            opens = min(opens, closes) if opens else None
        return Status(forced, opens, closes, forced, reason)
    if opens is None or today < opens:
        return Status(FORTHCOMING, opens, closes, None, reason)
    if closes is not None and today > closes:
        return Status(CLOSED, opens, closes, None, reason)
    return Status(OPEN, opens, closes, None, reason)


def closes_at(day: date) -> datetime:
    """The moment a close date ends, in London time."""
    return datetime.combine(day + timedelta(days=1), time(0), LONDON)


def lock(survey_id: str) -> ConsultationState:
    """Take the consultation's write lock for the rest of the transaction.

    PostgreSQL: SELECT ... FOR UPDATE on the state row. SQLite: a write to the row takes the
    database's writer lock (as BEGIN IMMEDIATE would), so a racing close or submit waits.
    """
    get_state(survey_id)
    if db.engine.dialect.name == "postgresql":
        state = db.session.scalar(select(ConsultationState)
                                  .where(ConsultationState.survey_id == survey_id)
                                  .with_for_update())
    else:
        db.session.execute(update(ConsultationState)
                           .where(ConsultationState.survey_id == survey_id)
                           .values(lock_version=ConsultationState.lock_version + 1))
        state = db.session.get(ConsultationState, survey_id, populate_existing=True)
    return state


def is_open(survey: Survey, lock_row: bool = False) -> bool:
    state = lock(survey.id) if lock_row else None
    return status_of(survey, state).is_open


# ---- admin actions (callers commit) ------------------------------------------------------------

def open_now(survey: Survey, until: date | None = None, actor=None) -> Status:
    state = lock(survey.id)
    today = today_london()
    if until is not None and until < today:
        raise ActionRefused(f"the close date {until.day} {until:%B %Y} is in the past")
    state.forced, state.forced_at, state.reason = OPEN, utcnow(), None
    if state.opens is None or state.opens > today:
        state.opens = today
    state.closes = until
    record("consultation_opened", survey.id, actor=actor, until=until)
    return status_of(survey, state)


def close_now(survey: Survey, reason: str | None = None, actor=None) -> Status:
    state = lock(survey.id)
    state.forced, state.forced_at, state.reason = CLOSED, utcnow(), (reason or None)
    record("consultation_closed", survey.id, actor=actor, reason=reason)
    return status_of(survey, state)


def reschedule(survey: Survey, opens: date, closes: date, actor=None) -> Status:
    if closes < opens:
        raise ActionRefused(
            f"the close date ({closes.day} {closes:%B %Y}) is before the open date "
            f"({opens.day} {opens:%B %Y})")
    state = lock(survey.id)
    state.opens, state.closes = opens, closes
    state.forced, state.forced_at, state.reason = None, None, None
    record("consultation_rescheduled", survey.id, actor=actor, opens=opens, closes=closes)
    return status_of(survey, state)


# ---- responses ----------------------------------------------------------------------------------

def new_reference(survey: Survey) -> str:
    """A reference respondents can quote, like HWB-7K3M-9Q2D."""
    prefix = "".join(w[0] for w in survey.id.split("_"))[:3].upper() or "REF"
    code = "".join(secrets.choice(REF_ALPHABET) for _ in range(8))
    return f"{prefix}-{code[:4]}-{code[4:]}"


def store_consultation_response(survey: Survey, answers: dict, key: str) -> str:
    """Store a response in the current (locked) transaction; returns its reference."""
    from app.definitions import snapshot_id_for
    from app.runner.store import store_response

    response_id = store_response(survey_id=survey.id, kind=survey.kind,
                                 snapshot_id=snapshot_id_for(survey), answers=answers, key=key,
                                 today=today_london())
    name = answers.get("respondent_name")
    consent = answers.get("publish_consent")
    reference = new_reference(survey)
    db.session.add(ConsultationResponse(
        response_id=response_id, survey_id=survey.id, reference=reference,
        respondent_type=answers.get("respondent_type") if isinstance(
            answers.get("respondent_type"), str) else None,
        respondent_name=name if isinstance(name, str) else None,
        publish_consent=consent if isinstance(consent, str) else None))
    db.session.flush()
    return reference


def reference_for_key(key: str) -> str | None:
    return db.session.scalar(select(ConsultationResponse.reference)
                             .join(Response, Response.id == ConsultationResponse.response_id)
                             .where(Response.idempotency_key == key))


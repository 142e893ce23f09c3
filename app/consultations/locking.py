"""The consultation's state row and its write lock, taken by submissions and admin actions."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.consultations.status import status_of
from app.extensions import db
from app.models import ConsultationState
from app.surveys import Survey


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

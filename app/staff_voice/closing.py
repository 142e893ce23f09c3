"""Closing a wave early: an organisation lead (or an admin) ends it now, before its date.

Wave.state still decides open or closed; this only sets the day it was closed. The close is a
write like a submission: it queues for SQLite's writer (app.write_queue) and locks the wave's row
exclusively (PostgreSQL), while a submission reads the row under a shared lock inside its storing
transaction (waves.is_open(lock=True)). So a submission storing now finishes before the close,
and any later one reads the wave closed and is refused with the closed page.

latest_closed_waves finds, per organisation, the wave whose figures are the latest to show.
"""

from __future__ import annotations

from datetime import date

from blinker import Namespace
from sqlalchemy import or_, select

from app.clock import today
from app.extensions import db
from app.models import record
from app.models.staff_voice import Wave, WaveState
from app.write_queue import queued_write

# Sent (wave, day) after a wave is closed and committed. The analysis layer publishes the wave's
# release on it (app/analysis/__init__.py: init_app); staff voice sits below analysis and does
# not import it. A release is also made at the first look after a wave's date, so nothing is lost
# if no one listens.
wave_closed = Namespace().signal("staff-voice-wave-closed")


class NotOpen(ValueError):
    """Only an open wave can be closed early; `state` says what it is instead."""

    def __init__(self, state: WaveState):
        super().__init__(state)
        self.state = state


def close_now(wave: Wave, actor: str, *, reason: str | None = None) -> Wave:
    """Close the wave today (Europe/London), audited (with the reason, if one is given); commits.
    Raises NotOpen if it is not open (scheduled, or already closed, perhaps by someone else a
    moment ago)."""
    with queued_write():
        locked = db.session.scalars(select(Wave).where(Wave.id == wave.id).with_for_update()
                                    .execution_options(populate_existing=True)).one()
        day = today()
        if locked.state(day) is not WaveState.OPEN:
            db.session.rollback()
            raise NotOpen(locked.state(day))
        locked.closed_early_on = day
        given = {"reason": reason} if reason else {}
        record("staff_voice_wave_closed", locked.organisation.code, actor=actor, wave=locked.id,
               survey=locked.survey_id, closed=day.isoformat(),
               planned=locked.closes_on.isoformat(), **given)
        db.session.commit()
    wave_closed.send(locked, day=day)
    return locked


def latest_closed_waves(org_ids: list[int], survey_id: str, day: date) -> list[Wave]:
    """Each organisation's latest closed wave of a survey, in id order."""
    # The query only narrows (a lead may close a wave early); Wave.state decides what is closed,
    # and the latest is the one that stopped taking responses last.
    waves = db.session.scalars(select(Wave).where(
        Wave.organisation_id.in_(org_ids), Wave.survey_id == survey_id,
        or_(Wave.closes_on < day, Wave.closed_early_on <= day)))
    closed = [w for w in waves if w.state(day) is WaveState.CLOSED]
    latest: dict[int, Wave] = {}
    for wave in sorted(closed, key=lambda w: (w.last_day, w.id), reverse=True):
        latest.setdefault(wave.organisation_id, wave)
    return sorted(latest.values(), key=lambda w: w.id)

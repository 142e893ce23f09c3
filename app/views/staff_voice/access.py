"""Looking up the wave or system a staff-voice address names, with app.permissions applied:
404 when there is none, then 403 when it is not this person's."""

from __future__ import annotations

from app import permissions
from app.extensions import db
from app.models import System
from app.models.staff_voice import Wave
from app.views.access import allowed_or_abort


def readable_wave(wave_id: int) -> Wave:
    return allowed_or_abort(db.session.get(Wave, wave_id), permissions.may_read_wave)


def runnable_wave(wave_id: int) -> Wave:
    """A wave this person may run: print codes for, close early."""
    return allowed_or_abort(db.session.get(Wave, wave_id), permissions.may_edit_wave)


def readable_system(system_id: int) -> System:
    return allowed_or_abort(db.session.get(System, system_id), permissions.may_read_system)

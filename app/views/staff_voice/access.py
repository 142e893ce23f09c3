"""Looking up the wave or system a staff-voice address names, with app.permissions applied:
404 when there is none, then 403 when it is not this person's."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app import permissions
from app.extensions import db
from app.models import System
from app.models.staff_voice import Wave


def wave_or_404(wave_id: int) -> Wave:
    wave = db.session.get(Wave, wave_id)
    if wave is None:
        abort(404)
    return wave


def readable_wave(wave_id: int) -> Wave:
    wave = wave_or_404(wave_id)
    if not permissions.may_read_wave(current_user, wave):
        abort(403)
    return wave


def runnable_wave(wave_id: int) -> Wave:
    """A wave this person may run: print codes for, close early."""
    wave = wave_or_404(wave_id)
    if not permissions.may_edit_wave(current_user, wave):
        abort(403)
    return wave


def readable_system(system_id: int) -> System:
    system = db.session.get(System, system_id)
    if system is None:
        abort(404)
    if not permissions.may_read_system(current_user, system):
        abort(403)
    return system

"""Who may see or run which wave: per-object checks the blueprint guard cannot make."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, System
from app.models.staff_voice import Wave


def wave_or_404(wave_id: int) -> Wave:
    wave = db.session.get(Wave, wave_id)
    if wave is None:
        abort(404)
    return wave


def can_run(wave_or_org) -> bool:
    org_id = getattr(wave_or_org, "organisation_id", None) or getattr(wave_or_org, "id", None)
    if current_user.role == "admin":
        return True
    return current_user.role == "org_lead" and current_user.organisation_id == org_id


def can_read(wave: Wave) -> bool:
    if can_run(wave):
        return True
    return (current_user.role == "ics_lead" and wave.organisation.system_id is not None
            and wave.organisation.system_id == current_user.scope_system_id)


def visible_org_ids() -> list[int]:
    if current_user.role == "admin":
        return list(db.session.scalars(select(Organisation.id)))
    if current_user.role == "ics_lead":
        return list(db.session.scalars(select(Organisation.id).where(
            Organisation.system_id == current_user.scope_system_id)))
    return [current_user.organisation_id] if current_user.organisation_id else []


def visible_systems() -> list[System]:
    if current_user.role == "admin":
        return list(db.session.scalars(select(System).order_by(System.name)))
    if current_user.role == "ics_lead" and current_user.scope_system_id:
        return [db.session.get(System, current_user.scope_system_id)]
    return []

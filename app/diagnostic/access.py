"""Per-object permissions: who may see or change which organisation's diagnostic.

The blueprint guard has already checked the role; these check the organisation, the element
and the system. Look the object up first (404), then check (403), so a missing object never
tells apart "exists but not yours".
"""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import ElementAssignment


def can_view(user, org) -> bool:
    if user.role == "admin":
        return True
    if user.role == "ics_lead":
        return org.system_id == user.scope_system_id
    return user.role in ("org_lead", "contributor") and user.organisation_id == org.id


def can_manage(user, org) -> bool:
    """Start cycles, assign elements, record discussions, import: the org's own lead (or admin)."""
    return user.role == "admin" or (user.role == "org_lead" and user.organisation_id == org.id)


def assigned_elements(user, org) -> set[str]:
    return set(db.session.scalars(select(ElementAssignment.element_id).where(
        ElementAssignment.organisation_id == org.id, ElementAssignment.user_id == user.id)))


def can_edit_element(user, org, element_id: str) -> bool:
    if can_manage(user, org):
        return True
    return (user.role == "contributor" and user.organisation_id == org.id
            and element_id in assigned_elements(user, org))


def can_set_plan(user, system) -> bool:
    if user.role == "admin":
        return True
    return user.role == "ics_lead" and user.scope_system_id == system.id

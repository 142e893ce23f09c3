"""Who may read or change which organisation, ICS (system), staff-voice wave or assessment.

Every rule is a function of (user, object): no request, no abort. A view looks the object up
(404 when there is none, so a missing object never tells apart "exists but not yours"), asks
here, and answers 403 itself. The blueprint guard (app/views/access.py) lets roles in; these
rules check the role again, so each answer stands on its own wherever it is asked.

In words (the table in tests/test_permissions.py):
- an organisation is read by admins, its ICS's lead, and its own leads and contributors;
  it is changed (cycles, assignments, imports, staff-voice waves) by admins and its own lead;
- an ICS is read and changed (staged plan, themes) by admins and its own lead;
- a wave is read by admins, its organisation's lead and its ICS's lead; run (access codes,
  closing early) by admins and its organisation's lead;
- an assessment is read as its organisation is; an element of it is changed by those who
  change the organisation, and by a contributor of the organisation assigned that element.
A lead or contributor without an organisation, or an ICS lead without a system, sees nothing.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true

from app.extensions import db
from app.models import ElementAssignment, Organisation, System

ADMIN, ICS_LEAD, ORG_LEAD, CONTRIBUTOR = "admin", "ics_lead", "org_lead", "contributor"
# Who may launch staff-voice waves at all (for their own organisation, or any if admin).
WAVE_RUNNERS = (ADMIN, ORG_LEAD)


def _leads_system(user, system_id: int | None) -> bool:
    return user.role == ICS_LEAD and system_id is not None and user.scope_system_id == system_id


def _belongs_to(user, org_id: int | None, roles: tuple[str, ...]) -> bool:
    return user.role in roles and org_id is not None and user.organisation_id == org_id


# --- organisations ---------------------------------------------------------------------------

def may_read_organisation(user, org: Organisation) -> bool:
    return (user.role == ADMIN or _leads_system(user, org.system_id)
            or _belongs_to(user, org.id, (ORG_LEAD, CONTRIBUTOR)))


def may_edit_organisation(user, org: Organisation) -> bool:
    """Start cycles, assign elements, record discussions, import, launch and run waves."""
    return user.role == ADMIN or _belongs_to(user, org.id, (ORG_LEAD,))


def organisation_scope(user) -> ColumnElement[bool]:
    """A WHERE clause on Organisation: the organisations `user` may read."""
    if user.role == ADMIN:
        return true()
    if user.role == ICS_LEAD and user.scope_system_id is not None:
        return Organisation.system_id == user.scope_system_id
    if user.role in (ORG_LEAD, CONTRIBUTOR) and user.organisation_id is not None:
        return Organisation.id == user.organisation_id
    return false()


def readable_org_ids(user) -> list[int]:
    return list(db.session.scalars(select(Organisation.id).where(organisation_scope(user))))


# --- ICSs (systems) --------------------------------------------------------------------------

def may_read_system(user, system: System) -> bool:
    return user.role == ADMIN or _leads_system(user, system.id)


def may_edit_system(user, system: System) -> bool:
    """Set the staged plan, keep the analyst tags: the same people who read it today."""
    return may_read_system(user, system)


def may_lead_systems(user) -> bool:
    """Whether the user works on ICSs at all (the staged plan), before one is looked up."""
    return user.role in (ADMIN, ICS_LEAD)


def readable_systems(user) -> list[System]:
    if user.role == ADMIN:
        return list(db.session.scalars(select(System).order_by(System.name)))
    if user.role == ICS_LEAD and user.scope_system_id is not None:
        found = db.session.get(System, user.scope_system_id)
        return [found] if found is not None else []
    return []


# --- staff-voice waves -----------------------------------------------------------------------

def may_run_waves(user) -> bool:
    """Whether the user may launch and run waves at all (before any wave is looked up)."""
    return user.role in WAVE_RUNNERS


def may_read_wave(user, wave) -> bool:
    return may_edit_wave(user, wave) or _leads_system(user, wave.organisation.system_id)


def may_edit_wave(user, wave) -> bool:
    """Print access codes, close early."""
    return may_edit_organisation(user, wave.organisation)


# --- diagnostic assessments ------------------------------------------------------------------

def may_read_assessment(user, assessment) -> bool:
    return may_read_organisation(user, assessment.organisation)


def assigned_elements(user, org: Organisation) -> set[str]:
    return set(db.session.scalars(select(ElementAssignment.element_id).where(
        ElementAssignment.organisation_id == org.id, ElementAssignment.user_id == user.id)))


def may_edit_element(user, org: Organisation, element_id: str) -> bool:
    """Change the answers, actions and discussion of one element of the organisation's
    assessments."""
    if may_edit_organisation(user, org):
        return True
    return (_belongs_to(user, org.id, (CONTRIBUTOR,))
            and element_id in assigned_elements(user, org))


def may_edit_assessment(user, assessment, element_id: str) -> bool:
    return may_edit_element(user, assessment.organisation, element_id)

"""Agreed buddy pairs: an ICS lead records that an organisation rating itself weak on an element
will learn from one rating itself strong, with a note and a follow-up date (the buddying page
suggests pairs; app/analysis/ics.py). Audited; shown on the buddying page and in the ICS PDF."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import BuddyAgreement, Organisation, System, User, record


def agree(system: System, element_id: str, learner: Organisation, buddy: Organisation,
          note: str, follow_up_on: date | None, by: User) -> BuddyAgreement:
    """Record the pair (the caller commits). Both must be organisations of the system."""
    if {learner.system_id, buddy.system_id} != {system.id} or learner.id == buddy.id:
        raise ValueError("a pair is two organisations of the same system")
    agreement = BuddyAgreement(system_id=system.id, element_id=element_id, learner=learner,
                               buddy=buddy, note=note.strip(), follow_up_on=follow_up_on,
                               agreed_by=by.email)
    db.session.add(agreement)
    record("buddy_pair_agreed", system.code, element=element_id, learner=learner.code,
           buddy=buddy.code, follow_up_on=str(follow_up_on or ""))
    return agreement


def agreements(system: System) -> list[BuddyAgreement]:
    """The system's agreed pairs, follow-up date first (those without one last)."""
    found = db.session.scalars(select(BuddyAgreement).where(
        BuddyAgreement.system_id == system.id))
    return sorted(found, key=lambda a: (a.follow_up_on is None, a.follow_up_on or date.max,
                                        a.id))

"""Sign-off: an organisation lead submits a cycle, which locks its ratings, text and discussions
(actions stay open: they are followed up after sign-off) and tells the system's ICS leads;
reopening needs a reason. Both are audited. The ICS sees each organisation's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app import webhooks
from app.extensions import db
from app.formatting import date_time
from app.mail import queue
from app.models import Assessment, User, record
from app.models.base import utcnow
from app.urls import external_url

NOT_STARTED, IN_PROGRESS, SUBMITTED = "Not started", "In progress", "Submitted"


@dataclass(frozen=True)
class SignOff:
    state: str
    on: datetime | None = None  # when submitted
    by: str = ""

    @property
    def colour(self) -> str:
        return {SUBMITTED: "green", IN_PROGRESS: "blue"}.get(self.state, "grey")


def sign_off_of(assessment: Assessment | None) -> SignOff:
    if assessment is not None and assessment.submitted_at is not None:
        return SignOff(SUBMITTED, assessment.submitted_at, assessment.submitted_by or "")
    if assessment is None or not (assessment.answers or assessment.discussions):
        return SignOff(NOT_STARTED)
    return SignOff(IN_PROGRESS)


def submit(assessment: Assessment, by: User) -> None:
    """Mark the cycle submitted and tell the ICS leads (the caller commits)."""
    org = assessment.organisation
    assessment.submitted_at, assessment.submitted_by = utcnow(), by.email
    record("diagnostic_submitted", org.code, cycle=assessment.cycle, by=by.email)
    webhooks.emit("diagnostic.cycle_submitted", {
        "organisation": org.code, "cycle": assessment.cycle, "assessment": assessment.id,
        "submitted_at": assessment.submitted_at}, assessment.submitted_at)
    if org.system_id is None:
        return
    leads = db.session.scalars(select(User).where(
        User.role == "ics_lead", User.system_id == org.system_id, User.active.is_(True)))
    link = external_url("diagnostic.assessment", assessment_id=assessment.id)
    for lead in leads:
        queue(lead.email, f"{org.name} has submitted its diagnostic ({assessment.cycle})",
              f"Hello {lead.name or lead.email},\n\n{by.name or by.email} submitted "
              f"{org.name}'s health and wellbeing diagnostic for {assessment.cycle} on "
              f"{date_time(assessment.submitted_at)}.\n\nRead it: {link}\n",
              "cycle_submitted")


def reopen(assessment: Assessment, by: User, reason: str) -> None:
    record("diagnostic_reopened", assessment.organisation.code, cycle=assessment.cycle,
           by=by.email, reason=reason, submitted_at=str(assessment.submitted_at))
    assessment.submitted_at = assessment.submitted_by = None

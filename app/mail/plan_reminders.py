"""Diagnostic reminders, queued by `flask mail send` with the others (app/mail/reminders.py):

- an element of the ICS's staged plan due within DUE_SOON_DAYS days, and again the day it is
  overdue, to the organisation's leads and the contributors assigned that element, while the
  organisation's latest cycle has not completed it (a submitted cycle is left alone);
- an organisation's actions past their due date and not done, to its leads: one email listing
  them all, sent again only when another action falls overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app import definitions
from app.diagnostic import cycles
from app.extensions import db
from app.formatting import long_date
from app.mail.outbox import queue
from app.mail.recipients import footer, people
from app.models import ElementAssignment, Organisation, StagedPlan, User
from app.urls import external_url

DUE_SOON_DAYS = 7


def _completed(assessment, element_id: str) -> bool:
    discussion = assessment.discussion_map().get(element_id) if assessment else None
    return bool(discussion and discussion.completed)


def _assigned(org: Organisation, element_id: str) -> list[User]:
    ids = db.session.scalars(select(ElementAssignment.user_id).where(
        ElementAssignment.organisation_id == org.id, ElementAssignment.element_id == element_id))
    wanted = set(ids)
    return [u for u in people(organisation_id=org.id) if u.id in wanted and u.role != "org_lead"]


def _where(org: Organisation, assessment, element_id: str) -> str:
    if assessment is None:
        return external_url("diagnostic.organisation", code=org.code)
    return external_url("diagnostic.element", assessment_id=assessment.id, element_id=element_id)


def elements_due(today: date, now: datetime) -> int:
    queued = 0
    for staged in db.session.scalars(select(StagedPlan).order_by(StagedPlan.id)):
        survey = definitions.get_survey(staged.definition_id, "diagnostic")
        titles = {e.id: e.title for e in survey.elements} if survey else {}
        steps = [s for s in staged.steps if s.due_on and s.element_id in titles
                 and s.due_on - timedelta(days=DUE_SOON_DAYS) <= today]
        if not steps:
            continue
        for org in db.session.scalars(select(Organisation).where(
                Organisation.system_id == staged.system_id).order_by(Organisation.id)):
            assessment = cycles.latest(org)
            if assessment is not None and (assessment.submitted_at is not None
                                           or assessment.definition_id != staged.definition_id):
                continue
            for step in steps:
                if _completed(assessment, step.element_id):
                    continue
                late = step.due_on < today
                kind = "element_overdue" if late else "element_due"
                title = titles[step.element_id]
                subject = (f"Overdue: {title}" if late
                           else f"{title} is due {long_date(step.due_on)}")
                for person in people(role="org_lead", organisation_id=org.id) + \
                        _assigned(org, step.element_id):
                    body = (f"Hello {person.name or person.email},\n\n{org.name}'s diagnostic: "
                            f"{title} {'was' if late else 'is'} due by {long_date(step.due_on)} "
                            "in your ICS's staged plan, and it is not complete yet. An element "
                            "is complete once its discussion is recorded.\n\n"
                            f"The element: {_where(org, assessment, step.element_id)}"
                            + footer())
                    key = f"{kind}:{org.id}:{step.element_id}:{step.due_on}:{person.id}"
                    queued += queue(person.email, subject, body, kind, key, now) is not None
    return queued


def actions_overdue(today: date, now: datetime) -> int:
    queued = 0
    for org in db.session.scalars(select(Organisation).order_by(Organisation.id)):
        assessment = cycles.latest(org)
        late = sorted((a for a in (assessment.actions if assessment else [])
                       if a.due and a.due < today and a.status != "done"),
                      key=lambda a: (a.due, a.id))
        if not late:
            continue
        listed = "\n".join(f"- {a.what} (due {long_date(a.due)}"
                           f"{', ' + a.owner if a.owner else ''})" for a in late)
        for lead in people(role="org_lead", organisation_id=org.id):
            body = (f"Hello {lead.name or lead.email},\n\n{len(late)} of {org.name}'s actions "
                    f"from the diagnostic {'is' if len(late) == 1 else 'are'} past the due date "
                    f"and not done:\n\n{listed}\n\nThe action plan: "
                    f"{external_url('diagnostic.actions', assessment_id=assessment.id)}"
                    + footer())
            key = f"actions_overdue:{org.id}:{late[-1].due}:{lead.id}"
            queued += queue(lead.email, f"{len(late)} overdue action"
                            f"{'s' if len(late) > 1 else ''}", body, "actions_overdue", key,
                            now) is not None
    return queued

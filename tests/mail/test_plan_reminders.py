"""Diagnostic reminders (app/mail/plan_reminders.py): an element of the staged plan due in 7
days and then overdue, to the organisation's leads and the contributors assigned it, once each,
never for an element that is complete or a cycle that is submitted; overdue actions to leads,
again only when another action falls overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app import definitions
from app.diagnostic import plan
from app.extensions import db
from app.mail.reminders import queue_reminders
from app.models import Action, ElementAssignment, ElementDiscussion
from app.models.mail import OutboxMessage

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 7, 0)


def queued(kind: str | None = None) -> list[OutboxMessage]:
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query))


def _plan(system, dues: dict[int, date]):
    """A plan whose elements start a month apart from 1 October; `dues` by element position."""
    survey = definitions.diagnostic()
    starts = {e.id: plan.add_months(date(2026, 10, 1), i) for i, e in enumerate(survey.elements)}
    far = {e.id: date(2027, 12, 31) for e in survey.elements}
    plan.save_plan(system, survey.id, starts,
                   far | {survey.elements[i].id: d for i, d in dues.items()})
    db.session.commit()
    return survey.elements


def test_due_in_seven_days_then_overdue_to_leads_and_assigned_contributors(
        app, system, orgs, make_user, assessment):
    elements = _plan(system, {0: TODAY + timedelta(days=7), 1: TODAY - timedelta(days=1)})
    lead_a = make_user("org_lead", email="lead.a@example.nhs.uk")
    lead_b = make_user("org_lead", email="lead.b@example.nhs.uk", org=orgs[1])
    helper = make_user("contributor", email="helper@example.nhs.uk")
    make_user("contributor", email="bystander@example.nhs.uk")
    db.session.add(ElementAssignment(organisation_id=orgs[0].id, element_id=elements[0].id,
                                     user_id=helper.id))
    db.session.commit()

    queue_reminders(TODAY, NOW)
    due = {(m.to_address, m.subject) for m in queued("element_due")}
    assert due == {(p.email, f"{elements[0].title} is due 10 December 2026")
                   for p in (lead_a, lead_b, helper)}
    overdue = {m.to_address for m in queued("element_overdue")}
    assert overdue == {lead_a.email, lead_b.email}
    [to_a] = [m for m in queued("element_overdue") if m.to_address == lead_a.email]
    assert f"/diagnostic/a/{assessment.id}/element/{elements[1].id}" in to_a.body
    [to_b] = [m for m in queued("element_overdue") if m.to_address == lead_b.email]
    assert f"/diagnostic/org/{orgs[1].code}" in to_b.body  # no cycle started yet

    # once each, however often the reminders run
    assert queue_reminders(TODAY, NOW) == 0
    assert queue_reminders(TODAY + timedelta(days=1), NOW) == 0
    # the first element falls overdue the day after its due date
    queue_reminders(TODAY + timedelta(days=8), NOW)
    later = {m.to_address for m in queued("element_overdue")} - overdue
    assert later == {helper.email} and len(queued("element_overdue")) == 5


def test_no_reminder_for_a_completed_element_or_a_submitted_cycle(
        app, system, orgs, make_user, assessment):
    elements = _plan(system, {0: TODAY - timedelta(days=1), 1: TODAY - timedelta(days=1)})
    make_user("org_lead", email="lead.a@example.nhs.uk")
    db.session.add(ElementDiscussion(assessment=assessment, element_id=elements[0].id,
                                     completed=True, notes="Done"))
    db.session.commit()
    queue_reminders(TODAY, NOW)
    assert [elements[1].title in m.subject for m in queued("element_overdue")] == [True]

    assessment.submitted_at = NOW
    db.session.commit()
    assert queue_reminders(TODAY + timedelta(days=30), NOW) == 0


def test_overdue_actions_listed_to_leads_and_again_only_when_another_falls_overdue(
        app, system, orgs, make_user, assessment):
    lead = make_user("org_lead", email="lead.a@example.nhs.uk")
    assessment.actions += [
        Action(item_id="ph_mental_health_offer", what="Evening clinic", owner="Head of OH",
               due=TODAY - timedelta(days=2), status="in_progress"),
        Action(item_id="ph_trauma_support", what="Trauma pathway", owner="",
               due=TODAY + timedelta(days=5), status="not_started"),
        Action(item_id="ph_trauma_support", what="Finished already", owner="",
               due=TODAY - timedelta(days=9), status="done"),
    ]
    db.session.commit()
    queue_reminders(TODAY, NOW)
    [first] = queued("actions_overdue")
    assert first.to_address == lead.email and first.subject == "1 overdue action"
    assert "Evening clinic (due 1 December 2026, Head of OH)" in first.body
    assert "Finished already" not in first.body and "Trauma pathway" not in first.body
    assert f"/diagnostic/a/{assessment.id}/actions" in first.body

    assert queue_reminders(TODAY + timedelta(days=3), NOW) == 0  # nothing new is overdue
    queue_reminders(TODAY + timedelta(days=6), NOW)
    second = queued("actions_overdue")[-1]
    assert second.subject == "2 overdue actions" and "Trauma pathway" in second.body

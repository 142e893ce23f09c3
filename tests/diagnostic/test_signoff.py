"""Sign-off (app/diagnostic/signoff.py): not started / in progress / submitted, the ICS leads
told through the outbox, reopening with a reason, all audited."""

from __future__ import annotations

from sqlalchemy import select

from app.diagnostic import signoff
from app.extensions import db
from app.models import AuditEvent, ItemAnswer
from app.models.mail import OutboxMessage


def test_a_cycle_goes_from_not_started_to_submitted_and_back(app, assessment, make_user):
    lead = make_user("org_lead", email="lead@example.nhs.uk")
    ics = make_user("ics_lead", email="ics@example.nhs.uk")
    assert signoff.sign_off_of(None).state == signoff.NOT_STARTED
    assert signoff.sign_off_of(assessment).state == signoff.NOT_STARTED
    assessment.answers.append(ItemAnswer(item_id="ph_mental_health_offer", rating="2",
                                         version=1))
    db.session.commit()
    assert signoff.sign_off_of(assessment).state == signoff.IN_PROGRESS

    signoff.submit(assessment, lead)
    db.session.commit()
    state = signoff.sign_off_of(assessment)
    assert (state.state, state.by) == (signoff.SUBMITTED, lead.email) and state.on
    [told] = db.session.scalars(select(OutboxMessage)).all()
    assert told.to_address == ics.email and told.kind == "cycle_submitted"
    assert assessment.organisation.name in told.subject and assessment.cycle in told.subject

    signoff.reopen(assessment, lead, "A staff survey has just closed")
    db.session.commit()
    assert signoff.sign_off_of(assessment).state == signoff.IN_PROGRESS
    events = {e.action: e for e in db.session.scalars(select(AuditEvent))}
    assert "diagnostic_submitted" in events
    assert events["diagnostic_reopened"].detail_dict["reason"] == "A staff survey has just closed"

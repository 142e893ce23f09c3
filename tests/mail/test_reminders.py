"""Reminders (app/mail/reminders.py): a wave closing in 3 days to its organisation's leads, a
consultation closing in 3 days to admins; once each; never to someone who turned them off."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.mail.reminders import queue_reminders
from app.models import ConsultationState
from app.models.mail import OutboxMessage
from app.staff_voice.waves import launch

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 7, 0)


def queued() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_wave_closing_in_three_days_reminds_its_leads_once(app, orgs, make_user):
    lead = make_user("org_lead", email="lead@example.nhs.uk")
    make_user("org_lead", email="other.lead@example.nhs.uk", org=orgs[1])
    make_user("contributor", email="contributor@example.nhs.uk")
    soon = launch(orgs[0], "staff_voice_bands_2_4", TODAY - timedelta(days=10),
                  TODAY + timedelta(days=3))
    later = launch(orgs[0], "staff_voice_bands_2_4", TODAY - timedelta(days=10),
                   TODAY + timedelta(days=4))
    db.session.commit()
    assert queue_reminders(TODAY, NOW) == 1
    [message] = queued()
    assert message.to_address == lead.email and message.kind == "wave_closing"
    assert message.subject == "Staff survey closes 6 December 2026"
    assert orgs[0].name in message.body and f"/staff-voice/waves/{soon.id}" in message.body
    assert "/s/" in message.body and "/account/reminders" in message.body
    # the next day: the later wave's turn, and the first is not reminded again
    assert queue_reminders(TODAY + timedelta(days=1), NOW) == 1
    assert f"/staff-voice/waves/{later.id}" in queued()[-1].body


def test_nobody_who_turned_reminders_off_or_cannot_sign_in_is_reminded(app, orgs, make_user):
    make_user("org_lead", email="off@example.nhs.uk").reminders = False
    make_user("org_lead", email="gone@example.nhs.uk", active=False)
    launch(orgs[0], "staff_voice_bands_2_4", TODAY - timedelta(days=1), TODAY + timedelta(days=1))
    db.session.commit()
    assert queue_reminders(TODAY, NOW) == 0


def test_a_consultation_closing_soon_reminds_admins(app, make_user):
    admin = make_user("admin", email="admin@example.nhs.uk")
    db.session.add(ConsultationState(survey_id="ics_wellbeing_offer", opens=TODAY - timedelta(
        days=20), closes=TODAY + timedelta(days=2)))
    db.session.commit()
    assert queue_reminders(TODAY, NOW) == 1
    [message] = queued()
    assert message.to_address == admin.email and message.kind == "consultation_closing"
    assert "/admin/consultations/ics_wellbeing_offer/" in message.body
    # extended: a new close date is worth a new reminder when it comes near
    db.session.get(ConsultationState, "ics_wellbeing_offer").closes = TODAY + timedelta(days=9)
    db.session.commit()
    assert queue_reminders(TODAY, NOW) == 0
    assert queue_reminders(TODAY + timedelta(days=6), NOW) == 1

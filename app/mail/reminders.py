"""Reminder emails, queued by `flask mail send` before it delivers: each is queued once (its key)
and only to people who have not turned reminders off (User.reminders).

Here: a staff-voice wave closing in REMIND_DAYS days, to its organisation's leads; a public
consultation closing in REMIND_DAYS days, to admins. The diagnostic's (elements due and
overdue, overdue actions) are in app/mail/plan_reminders.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.consultations.status import status_of
from app.definitions import surveys_of_kind
from app.extensions import db
from app.formatting import long_date
from app.mail import plan_reminders
from app.mail.outbox import queue
from app.mail.recipients import footer, people
from app.models import Wave
from app.staff_voice.waves import short_link
from app.urls import external_url

REMIND_DAYS = 3
def waves_closing(today: date, now: datetime) -> int:
    """Open waves whose last day is REMIND_DAYS days away or nearer, to each lead once."""
    queued = 0
    waves = db.session.scalars(select(Wave).where(
        Wave.closes_on >= today, Wave.closes_on <= today + timedelta(days=REMIND_DAYS),
        Wave.opens_on <= today, Wave.closed_early_on.is_(None)))
    for wave in waves:
        for lead in people(role="org_lead", organisation_id=wave.organisation_id):
            body = (f"Hello {lead.name or lead.email},\n\nThe staff survey at "
                    f"{wave.organisation.name} closes at the end of {long_date(wave.closes_on)}."
                    f"\n\nStaff can still answer at {short_link(wave)}. Results for each band "
                    "are shown only for groups of enough people, so a last reminder to staff "
                    "can make the difference.\n\nThe survey: "
                    f"{external_url('staff_voice.wave', wave_id=wave.id)}" + footer())
            queued += queue(lead.email, f"Staff survey closes {long_date(wave.closes_on)}", body,
                            "wave_closing", f"wave_closing:{wave.id}:{lead.id}", now) is not None
    return queued


def consultations_closing(today: date, now: datetime) -> int:
    """Open consultations closing within REMIND_DAYS days, to each admin once per close date."""
    queued = 0
    for survey in surveys_of_kind("consultation"):
        status = status_of(survey, now=now)
        if not status.is_open or status.closes is None or \
                status.closes > today + timedelta(days=REMIND_DAYS):
            continue
        for admin in people(role="admin"):
            body = (f"Hello {admin.name or admin.email},\n\nThe consultation \u201c{survey.title}"
                    f"\u201d closes at the end of {long_date(status.closes)}.\n\nIts responses: "
                    f"{external_url('admin_consultations.detail', survey_id=survey.id)}"
                    + footer())
            key = f"consultation_closing:{survey.id}:{status.closes}:{admin.id}"
            queued += queue(admin.email, f"Consultation closes {long_date(status.closes)}",
                            body, "consultation_closing", key, now) is not None
    return queued


def queue_reminders(today: date, now: datetime) -> int:
    """Every reminder due today, queued once: how many were new."""
    return (waves_closing(today, now) + consultations_closing(today, now)
            + plan_reminders.elements_due(today, now) + plan_reminders.actions_overdue(today, now))

"""A consultation that opens or closes by its schedule alone is announced to webhooks once, by
the worker; an admin's Open now is not announced twice; the first run after an upgrade does not
announce every consultation that ever opened or closed."""

from __future__ import annotations

import json

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app import consultations, webhooks
from app.consultations.announcements import announce_schedules
from app.definitions import get_survey
from app.extensions import db
from app.models import ConsultationState, WebhookDelivery, WebhookEndpoint

# framework_review's schedule: opens 28 February 2020, closes at the end of 23 March 2020.


@pytest.fixture
def endpoint(app):
    found = WebhookEndpoint(url="https://hooks.example.nhs.uk/in", secret=webhooks.new_secret(),
                            events="consultation.opened,consultation.closed")
    db.session.add(found)
    db.session.commit()
    return found


def _events(survey_id: str = "framework_review") -> list[tuple[str, dict]]:
    found = []
    for delivery in db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)):
        data = json.loads(delivery.body)["data"]
        if data["consultation"] == survey_id:
            found.append((delivery.event, data))
    return found


def _run(moment: str) -> None:
    with freeze_time(moment):
        announce_schedules()
        db.session.commit()


def test_a_schedule_opening_and_closing_is_announced_once(endpoint):
    _run("2020-02-27 12:00:00")
    assert _events() == []  # forthcoming: nothing to say
    _run("2020-02-28 06:00:00")
    _run("2020-02-28 18:00:00")  # the worker runs again the same day
    [(event, data)] = _events()
    assert event == "consultation.opened"
    assert data == {"consultation": "framework_review", "opens": "2020-02-28",
                    "closes": "2020-03-23", "by": "schedule"}
    _run("2020-03-23 23:00:00")  # still open on its last day (London time)
    assert len(_events()) == 1
    _run("2020-03-24 00:30:00")
    _run("2020-03-25 00:30:00")
    assert [e for e, _ in _events()] == ["consultation.opened", "consultation.closed"]


def test_the_first_run_after_an_upgrade_announces_only_todays_changes(endpoint):
    _run("2026-12-04 09:00:00")  # framework_review closed in 2020: recorded, not announced
    assert _events() == []
    assert db.session.get(ConsultationState, "framework_review").announced == "closed"
    db.session.query(ConsultationState).delete()
    db.session.commit()
    _run("2020-02-28 09:00:00")  # first seen on the day it opened: announced
    assert [e for e, _ in _events()] == ["consultation.opened"]


def test_an_admins_open_now_is_announced_by_the_action_not_again(endpoint):
    review = get_survey("framework_review")
    with freeze_time("2020-02-20 09:00:00"):
        consultations.open_now(review)
        db.session.commit()
    _run("2020-02-20 10:00:00")
    _run("2020-02-28 10:00:00")  # its scheduled opening passes: it is open already
    assert [e for e, _ in _events()] == ["consultation.opened"]
    assert "by" not in _events()[0][1]


def test_the_worker_command_announces_them(app, endpoint, runner):
    with freeze_time("2020-02-28 09:00:00"):
        result = runner.invoke(args=["mail", "webhooks"])
    assert result.exit_code == 0, result.output
    assert [e for e, _ in _events()] == ["consultation.opened"]

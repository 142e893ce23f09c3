"""Consultation status across dates, time zones and admin overrides, on a frozen clock."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db
from app.models import AuditEvent


@pytest.fixture
def review(app):
    return get_survey("framework_review")


@pytest.mark.parametrize(("utc", "state"), [
    ("2020-02-27 23:59:59", "forthcoming"),  # GMT: London is UTC in winter
    ("2020-02-28 00:00:00", "open"),
    ("2020-03-23 23:59:59", "open"),  # a close date means the end of that day
    ("2020-03-24 00:00:00", "closed"),
])
def test_schedule_edges_in_london_time(review, utc, state):
    with freeze_time(utc):
        assert c.status_of(review).state == state


def test_summer_time_end_of_day(review):
    c.reschedule(review, date(2020, 6, 1), date(2020, 6, 30))
    db.session.commit()
    with freeze_time("2020-06-30 22:59:59"):  # 23:59:59 BST
        assert c.status_of(review).state == "open"
    with freeze_time("2020-06-30 23:00:00"):  # midnight BST: closed though UTC is still the 30th
        assert c.status_of(review).state == "closed"


def test_overrides_are_audited_and_close_before_open_is_refused(review):
    with freeze_time("2026-11-25 10:00:00"):
        assert c.open_now(review, until=date(2026, 11, 30), actor="cli").state == "open"
        db.session.commit()
        assert c.status_of(review).closes == date(2026, 11, 30)
        assert c.close_now(review, reason="Enough responses", actor="cli").state == "closed"
        db.session.commit()
        with pytest.raises(c.ActionRefused, match="before the open date"):
            c.reschedule(review, date(2026, 12, 10), date(2026, 12, 1))
        db.session.rollback()
    with freeze_time("2026-12-01 00:00:00"):
        c.open_now(review, until=date(2026, 12, 1))
        db.session.commit()
    with freeze_time("2026-12-02 00:00:01"):
        assert c.status_of(review).state == "closed"  # --until closes at the end of that day
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("consultation_opened") == 2 and "consultation_closed" in actions


def test_cli_list_open_close_schedule(runner, review):
    with freeze_time("2026-11-25 10:00:00"):
        result = runner.invoke(args=["consultations", "list"])
        assert "framework_review" in result.output and "closed" in result.output
        result = runner.invoke(args=["consultations", "open", "framework_review",
                                     "--until", "2026-12-31", "--reason", "Late views"])
        assert result.exit_code == 0, result.output
        assert c.status_of(review).state == "open"
        assert c.status_of(review).reason == "Late views"
        result = runner.invoke(args=["consultations", "close", "framework_review",
                                     "--reason", "Ended early"])
        assert result.exit_code == 0 and c.status_of(review).state == "closed"
        result = runner.invoke(args=["consultations", "schedule", "framework_review",
                                     "--opens", "2026-12-10", "--closes", "2026-12-01"])
        assert result.exit_code == 1 and "before the open date" in result.output
        result = runner.invoke(args=["consultations", "schedule", "framework_review",
                                     "--opens", "2026-11-01", "--closes", "2026-12-01",
                                     "--reason", "Board asked"])
        assert result.exit_code == 0 and c.status_of(review).state == "open"
        reasons = [e.detail_dict.get("reason") for e in db.session.scalars(select(AuditEvent))
                   if e.action.startswith("consultation_")]
        assert reasons == ["Late views", "Ended early", "Board asked"]

"""An admin opens, closes and reschedules a consultation from its page, each time saying why
(audited); "Open now" keeps the close date unless the admin changes it; a change the rules
refuse shows the page again with the reason on the field, changes nothing and records nothing."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db
from app.models import AuditEvent

BASE = "/admin/consultations/framework_review"


@pytest.fixture
def admin(client, make_user, sign_in):
    """An admin signed in on 1 December 2026 (the clock stays there for the test)."""
    with freeze_time("2026-12-01 10:00:00", tick=True):
        user = make_user("admin")
        sign_in(user)
        yield user


def parts(name: str, day: date) -> dict:
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def actions() -> list[tuple[str, str]]:
    db.session.expire_all()
    return [(e.action, e.actor) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("consultation_%")))]


def reasons() -> list[str]:
    return [e.detail_dict.get("reason") for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("consultation_%")))]


def state() -> str:
    db.session.expire_all()
    return c.status_of(get_survey("framework_review")).state


def test_open_then_close_by_the_admin_is_audited_in_their_name(client, admin):
    opened = client.post(f"{BASE}/open", data={**parts("until", date(2026, 12, 31)),
                                                "open_reason": "Late comments invited"})
    assert opened.status_code == 302 and state() == "open"
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert "The consultation is open." in page and "Reason: Late comments invited" in page
    closed = client.post(f"{BASE}/close", data={"reason": "Enough views gathered"})
    assert closed.status_code == 302 and state() == "closed"
    assert actions() == [("consultation_opened", admin.email),
                         ("consultation_closed", admin.email)]
    assert reasons() == ["Late comments invited", "Enough views gathered"]


@pytest.mark.parametrize(("path", "field", "message"), [
    ("open", "open_reason", "Enter why you are opening it now"),
    ("close", "reason", "Enter why you are closing it now"),
    ("schedule", "schedule_reason", "Enter why the dates are changing")])
def test_every_change_needs_a_reason(client, admin, path, field, message):
    before = state()
    sent = {**parts("opens", date(2027, 3, 1)), **parts("closes", date(2027, 3, 31))}
    page = client.post(f"{BASE}/{path}", data={**sent, field: "  "})
    assert page.status_code == 422 and message in page.get_data(as_text=True)
    assert state() == before and actions() == []


def test_open_now_keeps_the_scheduled_close_unless_it_is_changed(client, admin):
    client.post(f"{BASE}/schedule", data={**parts("opens", date(2027, 3, 1)),
                                         **parts("closes", date(2027, 3, 31)),
                                         "schedule_reason": "Board asked for spring"})
    page = client.get(f"{BASE}/").get_data(as_text=True)
    form = page[page.index('/open"'):page.index('/close"')]
    assert 'value="31"' in form and 'value="2027"' in form  # the close date, already there
    kept = client.post(f"{BASE}/open", data={**parts("until", date(2027, 3, 31)),
                                              "open_reason": "Opening early"})
    assert kept.status_code == 302
    status = c.status_of(get_survey("framework_review"))
    assert status.state == "open" and status.closes == date(2027, 3, 31)
    assert reasons() == ["Board asked for spring", "Opening early"]


def test_open_until_a_past_day_is_refused_on_its_field(client, admin):
    before = state()
    page = client.post(f"{BASE}/open", data={**parts("until", date(2026, 11, 30)),
                                              "open_reason": "Late comments"})
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and "Error: " in html
    assert "Refused: the close date 30 November 2026 is in the past" in html
    assert state() == before and actions() == []


def test_a_close_date_before_the_open_date_is_refused_and_the_dates_kept(client, admin):
    page = client.post(f"{BASE}/schedule", data={**parts("opens", date(2027, 3, 1)),
                                                  **parts("closes", date(2027, 2, 1)),
                                                  "schedule_reason": "Moved"})
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "The close date must be on or after the open date" in html
    assert 'value="2027"' in html and 'value="3"' in html  # what was typed is still there
    assert actions() == []
    fine = client.post(f"{BASE}/schedule", data={**parts("opens", date(2027, 3, 1)),
                                                  **parts("closes", date(2027, 3, 31)),
                                                  "schedule_reason": "Moved"})
    assert fine.status_code == 302 and actions() == [("consultation_rescheduled", admin.email)]
    status = c.status_of(get_survey("framework_review"))
    assert (status.opens, status.closes) == (date(2027, 3, 1), date(2027, 3, 31))

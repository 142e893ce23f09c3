"""Each person turns their own reminder emails off and on at /account/reminders."""

from __future__ import annotations

from app.extensions import db
from app.models import AuditEvent


def test_a_person_turns_reminders_off_and_on(app, client_for):
    client, user = client_for("org_lead")
    page = client.get("/account/reminders").get_data(as_text=True)
    assert "Do you want reminder emails?" in page and 'value="yes" checked' in page
    response = client.post("/account/reminders", data={"reminders": "no"},
                           follow_redirects=True)
    assert "You will not get reminder emails." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.reminders is False
    assert db.session.query(AuditEvent).filter_by(action="reminders_changed").count() == 1
    client.post("/account/reminders", data={"reminders": "yes"})
    db.session.refresh(user)
    assert user.reminders is True


def test_no_choice_is_an_error_that_changes_nothing(app, client_for):
    client, user = client_for("contributor")
    response = client.post("/account/reminders", data={})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "nhsuk-error-summary" in page and "Select whether you want reminder emails" in page
    db.session.refresh(user)
    assert user.reminders is True

"""The admin dashboard, systems, organisations and the audit log (app/views/admin/routes.py)."""

from __future__ import annotations

from app.extensions import db
from app.models import AuditEvent, Organisation, System


def test_create_system_and_organisation(client, make_user, sign_in):
    sign_in(make_user("admin"))
    response = client.post("/admin/systems/new", data={"code": "qh8", "name": "Estuary ICS"})
    assert response.status_code == 302
    system = db.session.scalar(db.select(System).where(System.code == "QH8"))
    assert system.name == "Estuary ICS"
    response = client.post("/admin/organisations/new", data={
        "code": "RAJ", "name": "Estuary Trust", "type": "trust", "system_id": str(system.id)})
    assert response.status_code == 302
    assert db.session.scalar(db.select(Organisation).where(Organisation.code == "RAJ")).system_id \
        == system.id
    assert "Estuary Trust" in client.get("/admin/organisations").text
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "organisation_saved")) == 1


def test_organisation_errors_keep_answers(client, make_user, sign_in, system):
    sign_in(make_user("admin"))
    response = client.post("/admin/organisations/new", data={
        "code": "not valid", "name": "Kept <name>", "type": "castle", "system_id": "999"})
    assert response.status_code == 422
    assert "<title>Error: Add an organisation" in response.text
    assert "Code must be 2 to 12 capital letters or numbers" in response.text
    assert 'value="NOT VALID"' in response.text  # what was typed, upper-cased like codes
    assert "Kept &lt;name&gt;" in response.text  # kept and escaped
    assert "Select an answer from the list" in response.text


def test_duplicate_code_refused(client, make_user, sign_in, system):
    sign_in(make_user("admin"))
    response = client.post("/admin/systems/new", data={"code": "QZ9", "name": "Copy"})
    assert response.status_code == 422 and "Another ICS already has this code" in response.text


def test_audit_log_filters(client, make_user, sign_in):
    from app.models import record

    admin = make_user("admin")
    record("consultation_closed", "framework_review", actor=admin, reason="ended")
    record("export", "RA1 results", actor="someone@example.nhs.uk")
    record("consultation_opened", "framework_review", actor=admin, until=None)
    db.session.commit()
    sign_in(admin)
    opened = client.get("/admin/audit?action=consultation_opened").text
    assert "consultation opened" in opened and "None" not in opened  # nothing said, not "None"
    page = client.get("/admin/audit?action=consultation_closed")
    assert "framework_review" in page.text and "RA1 results" not in page.text
    page = client.get("/admin/audit?actor=someone")
    assert "RA1 results" in page.text and "framework_review" not in page.text
    page = client.get("/admin/audit?target=%25")  # a LIKE wildcard is matched literally
    assert "No events match" in page.text

"""Admin pages: create, edit and deactivate systems, organisations and users."""

from app.extensions import db
from app.models import AuditEvent, Organisation, System, User
from tests.support.clients import PASSWORD


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


def test_create_user_then_they_sign_in(client, make_user, sign_in, orgs, app):
    sign_in(make_user("admin"))
    response = client.post("/admin/users/new", data={
        "email": "New.Lead@example.nhs.uk", "name": "New Lead", "role": "org_lead",
        "organisation_id": str(orgs[0].id), "system_id": "", "password": "a-long-password-1",
        "status": "active"})
    assert response.status_code == 302, response.text
    other = app.test_client()
    assert other.post("/sign-in", data={"email": "new.lead@example.nhs.uk",
                                        "password": "a-long-password-1"}).status_code == 302


def test_org_lead_needs_an_organisation(client, make_user, sign_in):
    sign_in(make_user("admin"))
    response = client.post("/admin/users/new", data={
        "email": "x@example.nhs.uk", "name": "X", "role": "org_lead",
        "password": "a-long-password-1",
        "status": "active"})
    assert response.status_code == 422
    assert "Select the organisation this person works for" in response.text


def test_deactivate_user_stops_sign_in(client, make_user, sign_in, app):
    sign_in(make_user("admin"))
    lead = make_user("org_lead")
    response = client.post(f"/admin/users/{lead.id}", data={
        "email": lead.email, "name": lead.name, "role": "org_lead",
        "organisation_id": str(lead.organisation_id), "status": "deactivated"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, lead.id).active is False
    refused = app.test_client().post("/sign-in", data={"email": lead.email, "password": PASSWORD})
    assert refused.status_code == 422


def test_admin_cannot_deactivate_themselves(client, make_user, sign_in):
    admin = make_user("admin")
    sign_in(admin)
    response = client.post(f"/admin/users/{admin.id}", data={
        "email": admin.email, "name": admin.name, "role": "admin", "status": "deactivated"})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(User, admin.id).active is True


def test_empty_post_changes_nothing(client, make_user, sign_in):
    admin = make_user("admin")
    sign_in(admin)
    response = client.post(f"/admin/users/{admin.id}", data={})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(User, admin.id).active is True


def test_audit_log_filters(client, make_user, sign_in):
    from app.models import record

    admin = make_user("admin")
    record("consultation_closed", "framework_review", actor=admin, reason="ended")
    record("export", "RA1 results", actor="someone@example.nhs.uk")
    db.session.commit()
    sign_in(admin)
    page = client.get("/admin/audit?action=consultation_closed")
    assert "framework_review" in page.text and "RA1 results" not in page.text
    page = client.get("/admin/audit?actor=someone")
    assert "RA1 results" in page.text and "framework_review" not in page.text
    page = client.get("/admin/audit?target=%25")  # a LIKE wildcard is matched literally
    assert "No events match" in page.text


def test_every_edit_page_refuses_a_duplicate_keeps_the_rest_and_audits_saves(
        client, make_user, sign_in, orgs, system):
    """ICS, organisation and user pages share one save path (app/views/admin/editing.py)."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import AuditEvent

    admin = make_user("admin")
    sign_in(admin)
    taken = client.post("/admin/organisations/new", data={
        "code": orgs[0].code, "name": "Typed name", "type": "trust", "system_id": str(system.id)})
    assert taken.status_code == 422 and "Another organisation already has this code" in taken.text
    assert 'value="Typed name"' in taken.text
    email = client.post("/admin/users/new", data={
        "email": admin.email, "name": "Someone", "role": "admin", "password": "a-long-password-1",
        "status": "active"})
    assert email.status_code == 422 and "Another account already uses this email" in email.text
    assert client.get("/admin/organisations/99999").status_code == 404
    assert client.get("/admin/users/99999").status_code == 404
    renamed = client.post(f"/admin/organisations/{orgs[0].id}", data={
        "code": orgs[0].code, "name": "Renamed Trust", "type": "trust",
        "system_id": str(system.id)})
    assert renamed.status_code == 302 and renamed.location.endswith("/admin/organisations")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "organisation_saved"))
    assert event.target == orgs[0].code and event.actor == admin.email
    assert "Saved Renamed Trust." in client.get("/admin/organisations").text

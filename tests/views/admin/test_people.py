"""Admin pages for user accounts (app/views/admin/people.py): create, edit and deactivate users."""

from app.extensions import db
from app.models import User
from tests.support.clients import PASSWORD


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

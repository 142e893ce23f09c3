"""What the admin edit pages share (app/views/admin/editing.py): a duplicate code or email refused
on its field with the rest kept, a missing record not found, and saves audited."""

from __future__ import annotations


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

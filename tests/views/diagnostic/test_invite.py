"""An organisation lead invites a contributor from the diagnostic's pages, no admin needed;
the invited person sets a password at the link and lands on their organisation's diagnostic,
able to edit the elements chosen for them. Contributors hear of elements new to them."""

from __future__ import annotations

import re

from sqlalchemy import select

from app import definitions
from app.extensions import db
from app.models import ElementAssignment, User
from app.models.mail import OutboxMessage

PASSWORD = "a long walk by the sea"


def _first_item(element_id: str) -> str:
    return definitions.diagnostic().element(element_id).items()[0].id


def test_a_lead_invites_and_the_contributor_sets_up_their_account(
        app, client_for, assessment, make_user):
    lead_client, _ = client_for("org_lead")
    page = lead_client.get("/diagnostic/org/RA1/assignments").get_data(as_text=True)
    assert "/diagnostic/org/RA1/invite" in page
    response = lead_client.post("/diagnostic/org/RA1/invite", data={
        "name": "Sam Contributor", "email": "sam@example.nhs.uk", "elements": ["environment"]})
    assert response.status_code == 302
    body = db.session.scalar(select(OutboxMessage.body))
    link = re.search(r"http://[^/\s]+(/invitation/\S+)", body).group(1)

    newcomer = app.test_client()
    form = newcomer.get(link).get_data(as_text=True)
    assert "sam@example.nhs.uk" in form and "Choose a password" in form
    weak = newcomer.post(link, data={"new_password": "password1234",
                                     "confirm_password": "password1234"})
    assert weak.status_code == 422 and "nhsuk-error-summary" in weak.get_data(as_text=True)
    done = newcomer.post(link, data={"new_password": PASSWORD, "confirm_password": PASSWORD})
    assert done.status_code == 302 and done.location.endswith("/diagnostic/org/RA1")
    sam = db.session.scalar(select(User).where(User.email == "sam@example.nhs.uk"))
    base = f"/diagnostic/a/{assessment.id}"
    assert newcomer.post(f"{base}/item/{_first_item('environment')}",
                         data={"version": "0", "rating": "3"}).status_code == 302
    assert newcomer.post(f"{base}/item/{_first_item('relationships')}",
                         data={"version": "0", "rating": "3"}).status_code == 403
    assert sam.role == "contributor"
    # the link is spent
    assert app.test_client().get(link).status_code == 410


def test_a_bad_invitation_is_shown_again_with_what_was_typed(app, client_for, orgs, make_user):
    make_user("contributor", email="taken@example.nhs.uk")
    client, _ = client_for("org_lead")
    response = client.post("/diagnostic/org/RA1/invite", data={
        "name": "Kim", "email": "taken@example.nhs.uk", "elements": ["environment"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "already has an account" in page
    assert 'value="Kim"' in page and 'value="environment" checked' in page.replace(
        'checked=""', "checked")
    bad = client.post("/diagnostic/org/RA1/invite", data={"name": "", "email": "nope"})
    assert bad.status_code == 422
    assert "Enter the person&#39;s name" in bad.get_data(as_text=True)
    assert db.session.scalar(select(OutboxMessage)) is None


def test_only_the_organisations_managers_may_invite(app, client_for, orgs):
    for role, org in (("contributor", orgs[0]), ("org_lead", orgs[1])):
        client, _ = client_for(role, email=f"{role}.{org.code.lower()}@example.nhs.uk", org=org)
        assert client.get("/diagnostic/org/RA1/invite").status_code == 403


def test_a_contributor_hears_of_elements_new_to_them(app, client_for, orgs, make_user):
    client, _ = client_for("org_lead")
    contributor = make_user("contributor", email="c2@example.nhs.uk")
    db.session.add(ElementAssignment(organisation_id=orgs[0].id, element_id="environment",
                                     user_id=contributor.id))
    db.session.commit()
    client.post("/diagnostic/org/RA1/assignments", data={
        "el_environment": [str(contributor.id)], "el_relationships": [str(contributor.id)]})
    [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.to_address == "c2@example.nhs.uk" and message.kind == "element_assigned"
    assert "Relationships" in message.body and "Environment" not in message.body

"""Ending a session ends it on the server: a cookie copied before sign-out, a password change,
deactivation or a change of role or organisation can neither read nor write afterwards. Sign-out
is a POST with a CSRF token; a GET only offers the button."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.diagnostic import cycles
from app.extensions import db
from app.models import AuditEvent, ItemAnswer, Organisation, User
from tests.support.clients import PASSWORD, csrf_token, signed_in_client

ITEM = "ph_mental_health_offer"
NEW_PASSWORD = "lantern quietly harbour mosaic"


@pytest.fixture
def item_url(orgs) -> str:
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    return f"/diagnostic/a/{assessment.id}/item/{ITEM}"


def _copy_of(app, client):
    """Another browser holding the same cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("hwb_session", client.get_cookie("hwb_session").value)
    return thief


def _can_read(client, url: str) -> bool:
    return client.get(url).status_code == 200


def _save(client, url: str, text: str) -> int:
    return client.post(url, data={"version": "0", "rating": "2", "offer": text}).status_code


def _admin_edit(app, make_user, lead: User, **changes) -> None:
    admin = make_user("admin", email="other.admin@example.nhs.uk")
    admin = signed_in_client(app, admin.email)
    data = {"email": lead.email, "name": lead.name, "role": lead.role,
            "organisation_id": str(lead.organisation_id or ""), "system_id": "",
            "status": "active", "password": ""}
    data.update(changes)
    response = admin.post(f"/admin/users/{lead.id}", data=data)
    assert response.status_code == 302, response.text


def _sign_out(app, make_user, lead, client):
    assert client.post("/sign-out").status_code == 302


def _own_password_change(app, make_user, lead, client):
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD})
    assert response.status_code == 302, response.text


def _admin_reset(app, make_user, lead, client):
    _admin_edit(app, make_user, lead, password=NEW_PASSWORD)


def _deactivation(app, make_user, lead, client):
    _admin_edit(app, make_user, lead, status="deactivated")


def _role_change(app, make_user, lead, client):
    _admin_edit(app, make_user, lead, role="contributor")


def _organisation_change(app, make_user, lead, client):
    other = db.session.scalar(select(Organisation.id).where(
        Organisation.id != lead.organisation_id))
    _admin_edit(app, make_user, lead, organisation_id=str(other))


def _admin_signs_them_out(app, make_user, lead, client):
    admin = make_user("admin", email="other.admin@example.nhs.uk")
    admin = signed_in_client(app, admin.email)
    assert "Sign this person out everywhere" in admin.get(f"/admin/users/{lead.id}").text
    response = admin.post(f"/admin/users/{lead.id}/sign-out")
    assert response.status_code == 302
    assert "signed out on every device" in admin.get(response.location).text
    assert AuditEvent.query.filter_by(action="sessions_ended", target=lead.email).count() == 1


ENDINGS = [_sign_out, _own_password_change, _admin_reset, _deactivation, _role_change,
           _organisation_change, _admin_signs_them_out]


@pytest.mark.parametrize("ending", ENDINGS, ids=lambda f: f.__name__.strip("_"))
def test_a_copied_cookie_can_neither_read_nor_write_once_the_session_is_ended(
        app, make_user, item_url, ending):
    lead = make_user("org_lead")
    client = signed_in_client(app, lead.email)
    thief = _copy_of(app, client)
    assert _can_read(thief, item_url)  # the copy works while the session lives

    ending(app, make_user, lead, client)

    assert not _can_read(thief, item_url)
    assert _save(thief, item_url, "Stored by a stolen cookie") in (302, 403)
    assert db.session.scalar(select(ItemAnswer)) is None
    # And the copy has not become someone else: it is simply signed out.
    assert "/sign-in" in thief.get("/diagnostic/").headers.get("Location", "")


def test_every_device_of_that_person_is_signed_out_not_only_this_one(app, make_user, item_url):
    lead = make_user("org_lead")
    laptop, phone = signed_in_client(app, lead.email), signed_in_client(app, lead.email)
    assert laptop.post("/sign-out").status_code == 302
    assert not _can_read(phone, item_url)


def test_other_people_stay_signed_in(app, make_user, item_url):
    lead = make_user("org_lead")
    colleague = make_user("org_lead", email="colleague@example.nhs.uk")
    colleague = signed_in_client(app, colleague.email)
    client = signed_in_client(app, lead.email)
    _role_change(app, make_user, lead, client)
    assert _can_read(colleague, item_url)


def test_a_change_that_does_not_touch_access_keeps_the_session(app, make_user, item_url):
    lead = make_user("org_lead")
    client = signed_in_client(app, lead.email)
    _admin_edit(app, make_user, lead, name="Renamed Lead")
    assert _can_read(client, item_url)


def test_changing_your_own_password_keeps_you_signed_in_here(app, make_user, item_url):
    lead = make_user("org_lead")
    client = signed_in_client(app, lead.email)
    _own_password_change(app, make_user, lead, client)
    assert "signed out on every other device" in client.get("/").text
    assert _can_read(client, item_url)


def test_get_sign_out_offers_the_button_and_does_not_sign_out(client, make_user, sign_in):
    sign_in(make_user("admin"))
    page = client.get("/sign-out")
    assert page.status_code == 200
    main = page.text[page.text.index("<main"):]
    form = re.search(r'<form[^>]*action="/sign-out"[^>]*>', main).group(0)
    assert 'method="post"' in form
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.query.filter_by(action="sign_out").count() == 0


def test_get_sign_out_when_signed_out_is_a_page_not_an_error(client):
    page = client.get("/sign-out")
    assert page.status_code == 200
    assert "not signed in" in page.text


def test_sign_out_without_a_csrf_token_is_refused(csrf_client_for):
    client = csrf_client_for("admin")[0]
    response = client.post("/sign-out")
    assert response.status_code in (302, 400)
    assert client.get("/admin/").status_code == 200  # still signed in
    assert AuditEvent.query.filter_by(action="sign_out").count() == 0
    forged = client.post("/sign-out", data={"csrf_token": "forged"})
    assert forged.status_code in (302, 400)
    assert client.get("/admin/").status_code == 200


def test_the_header_signs_out_through_a_form_with_its_token(csrf_client_for):
    client = csrf_client_for("admin")[0]
    home = client.get("/admin/").text
    header = home[home.index("<header"):home.index("</header>")]
    form = re.search(r'<form[^>]*action="/sign-out"[^>]*method="post"[^>]*>(.*?)</form>',
                     header, re.S)
    assert form, "no sign-out form in the header"
    assert 'name="csrf_token"' in form.group(1)
    assert re.search(r"<button[^>]*>\s*Sign out\s*</button>", form.group(1))
    assert '<a class="nhsuk-header__navigation-link" href="/sign-out"' not in header
    response = client.post("/sign-out", data={"csrf_token": csrf_token(form.group(1))})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    assert AuditEvent.query.filter_by(action="sign_out", target="admin@example.nhs.uk").count() == 1
    assert "You have signed out" in client.get(response.location).text


def test_sign_out_after_the_session_already_ended_still_says_signed_out(client, make_user,
                                                                         sign_in):
    user = make_user("admin")
    sign_in(user)
    user.active = False
    db.session.commit()
    response = client.post("/sign-out")
    assert response.status_code == 302
    assert "You have signed out" in client.get(response.location).text


def test_an_admin_setting_their_own_password_stays_signed_in_here_only(app, make_user):
    admin = make_user("admin")
    client, other_device = signed_in_client(app, admin.email), signed_in_client(app, admin.email)
    response = client.post(f"/admin/users/{admin.id}", data={
        "email": admin.email, "name": admin.name, "role": "admin", "organisation_id": "",
        "system_id": "", "status": "active", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert "Saved" in client.get(response.location).text
    assert client.get("/admin/").status_code == 200
    assert other_device.get("/admin/").status_code == 302


def test_a_signed_out_visitor_gets_no_token_and_no_cookie_from_the_header(client):
    for path in ("/", "/privacy", "/no-such-page"):
        response = client.get(path)
        assert 'class="nhsuk-header__account-form"' not in response.text
        assert not any("hwb_session=" in c for c in response.headers.getlist("Set-Cookie")), path

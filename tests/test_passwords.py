"""The password policy (ASVS 5.0 V6.2): 12 characters or more, passphrases welcome, no
composition rules, common and breached passwords and their trivial variants refused, each with
a message saying why; one policy wherever a password is set."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from freezegun import freeze_time

from app import demo, passwords
from app.extensions import db
from app.models import AuditEvent, User
from tests.support.clients import PASSWORD, csrf_token

GOOD = "lantern quietly harbour mosaic"

# (password, words the message must contain): the attacker report's four first.
REFUSED = [
    ("aaaaaaaaaaaa", "repeated"),
    ("123456789012", "sequence"),
    ("password1234", "common"),
    (" " * 12, "spaces"),
    ("", "Enter a password"),
    ("\t \n " * 4, "spaces"),
    ("eleven char", "12 characters or more"),
    ("x" * (passwords.MAX_LENGTH + 1), f"{passwords.MAX_LENGTH} characters or fewer"),
    ("PASSWORD1234", "common"),  # case does not matter
    ("P@ssw0rd1234", "common"),  # nor look-alike symbols
    ("Password123!", "common"),
    ("Welcome2024!", "common"),
    ("iloveyou2024", "common"),
    ("qwertyuiop12", "common"),
    ("1q2w3e4r5t6y", "common"),
    ("abcdefghijkl", "sequence"),
    ("zyxwvutsrqpo", "sequence"),
    ("987654321098", "sequence"),
    ("abcabcabcabc", "repeated"),
    ("passwordpassword", "repeated"),
    ("qwertyqwerty", "repeated"),
    ("zxcvbnmasdfg", "common"),  # keyboard rows are on the common list
    ("rewqasdfghjk", "keys next to each other"),
    ("manchesterunited", "common"),
]


@pytest.mark.parametrize("password, why", REFUSED,
                         ids=lambda v: repr(v)[:20] if isinstance(v, str) else "")
def test_weak_passwords_are_refused_saying_why(password, why):
    message = passwords.problem(password)
    assert message is not None, f"{password!r} was accepted"
    assert why.lower() in message.lower()


@pytest.mark.parametrize("password", [
    GOOD, PASSWORD, demo.DEMO_PASSWORD, "a-long-password-1", "a-long-enough-password",
    "my dog is called rex", "Fish and chips on Friday", "horse staple",
    "ünïcödé pässphräse ✓", "correct horse battery staple, but longer",
    "the heron waited by the cold grey harbour wall while the tide crept in slowly",
    "k" + "Q7#v" * 63,  # the maximum length
])
def test_passphrases_and_the_projects_own_passwords_are_accepted(password):
    assert len(password) <= passwords.MAX_LENGTH
    assert passwords.problem(password) is None


def test_the_persons_own_name_email_and_the_service_name_are_refused():
    context = ["imani.okafor@example.nhs.uk", "Imani Okafor"]
    for password in ("imaniokafor1!", "okafor123456", "wellbeing123456", "nhswellbeing2024",
                     "Imani Okafor 2024"):
        message = passwords.problem(password, context)
        assert message and "your name" in message, password
    assert passwords.problem("okafor123456") is None  # refused above because it is their name
    assert passwords.problem("lantern imani harbour", context) is None


def test_the_common_list_is_large_and_shipped_not_downloaded():
    assert passwords.common_password_count() >= 30_000


def test_the_model_refuses_a_weak_password_wherever_it_is_set(app):
    user = User(email="x@example.nhs.uk", name="X", role="admin")
    with pytest.raises(passwords.WeakPassword, match="common"):
        user.set_password("password1234")
    assert user.password_hash in ("", None)
    user.set_password(GOOD)
    assert user.check_password(GOOD)


def _user_form(**changes) -> dict:
    data = {"email": "new.lead@example.nhs.uk", "name": "New Lead", "role": "org_lead",
            "system_id": "", "status": "active", "password": GOOD}
    data.update(changes)
    return data


@pytest.mark.parametrize("password, why", [
    ("aaaaaaaaaaaa", "repeated"), ("123456789012", "sequence"),
    ("password1234", "common"), (" " * 12, "spaces"), ("short", "12 characters or more")])
def test_admin_create_and_reset_refuse_weak_passwords(client, make_user, sign_in, orgs,
                                                      password, why):
    sign_in(make_user("admin"))
    org = str(orgs[0].id)
    created = client.post("/admin/users/new", data=_user_form(password=password,
                                                               organisation_id=org))
    assert created.status_code == 422
    assert "nhsuk-error-summary" in created.text and 'href="#password"' in created.text
    assert why.lower() in created.text.lower()
    assert 'value="New Lead"' in created.text  # what was typed is kept
    assert db.session.scalar(db.select(User).where(User.email == "new.lead@example.nhs.uk")) \
        is None
    lead = make_user("org_lead")
    before = lead.password_hash
    reset = client.post(f"/admin/users/{lead.id}", data=_user_form(
        email=lead.email, name=lead.name, password=password, organisation_id=org))
    assert reset.status_code == 422 and why.lower() in reset.text.lower()
    db.session.expire_all()
    assert db.session.get(User, lead.id).password_hash == before


def test_admin_create_accepts_a_passphrase_and_blank_keeps_the_password(client, make_user,
                                                                        sign_in, orgs, app):
    sign_in(make_user("admin"))
    org = str(orgs[0].id)
    assert client.post("/admin/users/new", data=_user_form(
        organisation_id=org)).status_code == 302
    lead = db.session.scalar(db.select(User).where(User.email == "new.lead@example.nhs.uk"))
    kept = client.post(f"/admin/users/{lead.id}", data=_user_form(
        password="", name="Renamed", organisation_id=org))
    assert kept.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, lead.id).check_password(GOOD)
    form = client.get(f"/admin/users/{lead.id}").text
    assert 'autocomplete="new-password"' in form


def _change(client, current=PASSWORD, new=GOOD, confirm=None):
    return client.post("/account/password", data={
        "current_password": current, "new_password": new,
        "confirm_password": new if confirm is None else confirm})


def test_changing_your_own_password(client, make_user, sign_in, app):
    user = make_user("contributor")
    sign_in(user)
    page = client.get("/account/password")
    assert page.status_code == 200 and "Change your password" in page.text
    assert 'autocomplete="current-password"' in page.text
    assert 'autocomplete="new-password"' in page.text
    response = _change(client)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(GOOD)
    assert AuditEvent.query.filter_by(action="password_changed", target=user.email).count() == 1
    other = app.test_client()
    assert other.post("/sign-in", data={"email": user.email, "password": GOOD}).status_code == 302


@pytest.mark.parametrize("fields, where, why", [
    ({"new": "password1234"}, "new_password", "common"),
    ({"new": "aaaaaaaaaaaa"}, "new_password", "repeated"),
    ({"new": "123456789012"}, "new_password", "sequence"),
    ({"new": " " * 12}, "new_password", "spaces"),
    ({"new": "contributor2024"}, "new_password", "your name"),
    ({"current": "not-my-password"}, "current_password", "current password is not right"),
    ({"current": ""}, "current_password", "Enter your current password"),
    ({"confirm": "lantern quietly harbour mosaik"}, "confirm_password", "do not match"),
    ({"new": PASSWORD}, "new_password", "different from your current"),
])
def test_changing_your_own_password_refuses_saying_why(client, make_user, sign_in, fields,
                                                       where, why):
    user = make_user("contributor")
    sign_in(user)
    response = _change(client, **fields)
    assert response.status_code == 422
    assert f'href="#{where}"' in response.text
    assert why.lower() in response.text.lower()
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(PASSWORD)
    assert client.get("/account/password").status_code == 200  # still signed in


def test_the_change_password_page_needs_sign_in_and_a_csrf_token(csrf_app, make_user):
    client = csrf_app.test_client()
    assert "/sign-in" in client.get("/account/password").headers["Location"]
    user = make_user("org_lead")
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD,
                                  "csrf_token": csrf_token(client.get("/sign-in").text)})
    response = _change(client)
    assert response.status_code in (302, 400)
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_the_header_links_to_change_password(client, make_user, sign_in):
    sign_in(make_user("org_lead"))
    home = client.get("/").text
    header = home[home.index("<header"):home.index("</header>")]
    assert 'href="/account/password"' in header


@pytest.mark.parametrize("password, why", [
    ("aaaaaaaaaaaa", "repeated"), ("password1234", "common"), (" " * 12, "spaces"),
    ("short", "12 characters or more")])
def test_cli_create_and_set_password_refuse_weak_passwords(runner, orgs, make_user, password,
                                                           why):
    created = runner.invoke(args=["users", "create", "c@example.nhs.uk", "--role", "admin",
                                  "--password-stdin"], input=password + "\n")
    assert created.exit_code != 0 and why.lower() in created.output.lower()
    assert db.session.scalar(db.select(User).where(User.email == "c@example.nhs.uk")) is None
    lead = make_user("org_lead")
    reset = runner.invoke(args=["users", "set-password", lead.email, "--password-stdin"],
                          input=password + "\n")
    assert reset.exit_code != 0 and why.lower() in reset.output.lower()


def test_cli_set_password_resets_and_ends_sessions(runner, make_user, client, sign_in):
    lead = make_user("org_lead")
    sign_in(lead)
    result = runner.invoke(args=["users", "set-password", lead.email.upper(),
                                 "--password-stdin"], input=GOOD + "\n")
    assert result.exit_code == 0, result.output
    assert GOOD not in result.output
    db.session.expire_all()
    assert db.session.get(User, lead.id).check_password(GOOD)
    assert client.get("/diagnostic/").status_code == 302  # the old session is over
    assert AuditEvent.query.filter_by(action="password_reset", target=lead.email).count() == 1
    missing = runner.invoke(args=["users", "set-password", "nobody@example.nhs.uk",
                                  "--password-stdin"], input=GOOD + "\n")
    assert missing.exit_code != 0 and "no user" in missing.output


def test_wrong_current_passwords_are_throttled_like_sign_in(client, make_user, sign_in):
    """Someone with a stolen session does not get unlimited guesses at the password."""
    user = make_user("contributor")
    with freeze_time(datetime(2030, 1, 15, 9, 0)) as clock:
        sign_in(user)
        statuses = [_change(client, current=f"not-my-password-{i}").status_code
                    for i in range(6)]
        assert statuses[:5] == [422] * 5 and statuses[5] == 429
        held = _change(client)  # the right password is not even checked during the wait
        assert held.status_code == 429 and "wrong current password" in held.text
        assert int(held.headers["Retry-After"]) >= 1
        db.session.expire_all()
        assert not db.session.get(User, user.id).check_password(GOOD)
        clock.tick(timedelta(seconds=int(held.headers["Retry-After"]) + 1))
        assert _change(client).status_code == 302
    assert AuditEvent.query.filter_by(action="password_change_throttled").count() >= 1

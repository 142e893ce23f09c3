"""A signed-in session ends SESSION_MAX_HOURS after sign-in however busy it was, and a Secure
session cookie carries the __Host- prefix."""

from __future__ import annotations

import time

import pytest

from app import create_app
from app.models import AuditEvent
from app.sessions import SIGNED_IN_AT

HOUR = 3600


def _age(client, seconds: int | None) -> None:
    """Make the session look as if it signed in `seconds` ago (None: before the clock existed)."""
    with client.session_transaction() as session:
        if seconds is None:
            session.pop(SIGNED_IN_AT, None)
        else:
            session[SIGNED_IN_AT] = int(time.time()) - seconds


def test_a_session_within_its_hours_carries_on(client, make_user, sign_in):
    sign_in(make_user("admin"))
    _age(client, 11 * HOUR)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("age", [12 * HOUR + 60, None], ids=["over-12-hours", "no-clock"])
def test_an_old_session_is_signed_out_and_sent_to_sign_in(client, make_user, sign_in, age):
    sign_in(make_user("admin"))
    assert client.get("/admin/").status_code == 200
    _age(client, age)
    response = client.get("/admin/users?page=2")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in?next=")
    assert "users" in response.location
    page = client.get(response.location)
    assert "signed in more than 12 hours ago" in page.text
    # Signed out for good: the next request is refused as anonymous, not let through.
    again = client.get("/admin/")
    assert again.status_code == 302 and again.location.startswith("/sign-in")
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert AuditEvent.query.filter_by(action="session_expired",
                                      target="admin@example.nhs.uk").count() == 1


def test_signing_in_again_starts_a_new_clock(client, make_user, sign_in):
    user = make_user("admin")
    sign_in(user)
    _age(client, 13 * HOUR)
    client.get("/admin/")
    sign_in(user)
    assert client.get("/admin/").status_code == 200


def test_the_hours_come_from_configuration(app, client, make_user, sign_in):
    app.config["SESSION_MAX_HOURS"] = 1
    sign_in(make_user("admin"))
    _age(client, HOUR + 5)
    assert client.get("/admin/").status_code == 302


def _cookie_name(database_url: str, **config) -> str:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                      "SECRET_KEY": "test-secret-key", **config})
    return app.config["SESSION_COOKIE_NAME"]


def test_a_secure_cookie_for_the_whole_site_is_host_prefixed(database_url):
    assert _cookie_name(database_url, SESSION_COOKIE_SECURE=True) == "__Host-hwb_session"
    # Browsers refuse a __Host- cookie that is not Secure or names a domain: keep the bare name.
    assert _cookie_name(database_url, SESSION_COOKIE_SECURE=False) == "hwb_session"
    assert _cookie_name(database_url, SESSION_COOKIE_SECURE=True,
                        SESSION_COOKIE_DOMAIN="example.nhs.uk") == "hwb_session"


def test_the_prefixed_cookie_is_set_secure_for_path_slash(database_url):
    secure = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                         "SECRET_KEY": "test-secret-key", "SESSION_COOKIE_SECURE": True})
    response = secure.test_client().get("/sign-in", base_url="https://localhost")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("__Host-"))
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_reading_a_survey_page_again_writes_no_cookie(client, orgs):
    """A respondent's session is stamped to the minute (SEEN_STEP): once it holds its CSRF
    token, reading a page writes nothing; sending answers still does."""
    from app.extensions import db
    from tests.support.staff_voice import open_wave

    wave = open_wave(orgs[0])
    db.session.commit()
    page = f"/staff/{wave.token}/questions/your_band"
    assert "Set-Cookie" in client.get(page).headers  # the first visit makes the session
    client.get(page)
    again = client.get(page)
    assert again.status_code == 200 and "Set-Cookie" not in again.headers
    sent = client.post(page, data={"band": "3", "action": "continue"})
    assert sent.status_code == 302 and "Set-Cookie" in sent.headers



def _new_key(app, name: str, *, keep_old: bool) -> None:
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key] if keep_old else []
    app.secret_key = app.config["SECRET_KEY"] = name + "-" + "x" * 40


def test_a_new_secret_key_ends_sessions_unless_the_old_one_is_kept_as_a_fallback(
        app, client, make_user, sign_in):
    # The signing serializer is made once per key (app.sessions): it must follow a new key.
    user = make_user("admin")
    sign_in(user)
    _new_key(app, "second", keep_old=True)
    assert client.get("/admin/").status_code == 200  # read with the old key, kept
    sign_in(user)
    _new_key(app, "third", keep_old=False)
    response = client.get("/admin/")  # signed with a key no longer trusted
    assert response.status_code == 302 and response.location.startswith("/sign-in")

"""Signing in and out: messages that reveal nothing, throttling shared through the database."""

from freezegun import freeze_time

from app.models import AuditEvent, LoginAttempt
from tests.support.clients import PASSWORD, csrf_token


def test_sign_in_and_reach_admin(client, make_user, sign_in):
    admin = make_user("admin")
    response = sign_in(admin)
    assert response.status_code == 302
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Admin dashboard" in page.text
    assert AuditEvent.query.filter_by(action="sign_in", target=admin.email).count() == 1


def test_wrong_password_and_unknown_account_give_the_same_message(client, make_user):
    user = make_user("org_lead")
    wrong = client.post("/sign-in", data={"email": user.email, "password": "nope-nope-nope"})
    unknown = client.post("/sign-in", data={"email": "nobody@example.nhs.uk", "password": "x" * 12})
    for response in (wrong, unknown):
        assert response.status_code == 422
        assert "Enter a correct email address and password" in response.text
        assert "<title>Error: Sign in" in response.text
        assert "nhsuk-error-summary" in response.text
    # The email typed is kept; the password never comes back.
    assert f'value="{user.email}"' in wrong.text
    assert "nope-nope-nope" not in wrong.text


def test_empty_form_shows_each_error(client, app):
    response = client.post("/sign-in", data={})
    assert response.status_code == 422
    assert 'href="#email"' in response.text and "Enter your email address" in response.text
    assert 'href="#password"' in response.text and "Enter your password" in response.text


def test_deactivated_user_cannot_sign_in(client, make_user, sign_in):
    user = make_user("org_lead", active=False)
    response = sign_in(user)
    assert response.status_code == 422
    assert "Enter a correct email address and password" in response.text
    assert client.get("/").text.count("Sign out") == 0


def test_deactivating_ends_an_existing_session(client, make_user, sign_in, app):
    from app.extensions import db

    user = make_user("admin")
    sign_in(user)
    assert client.get("/admin/").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/admin/").status_code == 302


def test_failures_hold_back_the_failing_client_even_with_the_right_password(client, make_user,
                                                                           app):
    """Its own failures: the wait holds whatever it sends next (tests/test_throttle.py
    has the rest: other clients are not held back)."""
    user = make_user("org_lead")
    with freeze_time("2030-01-15 09:00"):
        for _ in range(app.config["LOGIN_FREE_FAILURES_PER_ACCOUNT"]):
            client.post("/sign-in", data={"email": user.email, "password": "wrong-password!"})
        assert LoginAttempt.query.filter_by(key=f"account:{user.email}").count() == 5
        response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429 and response.headers["Retry-After"] == "1"
    assert "Wait 1 second, then try again" in response.text


def test_throttle_is_shared_between_app_instances(app, make_user, database_url):
    """Two workers are two app objects over one database: failures in one count in the other."""
    from app import create_app

    user = make_user("org_lead")
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                        "WTF_CSRF_ENABLED": False, "SECRET_KEY": app.config["SECRET_KEY"],
                        "SESSION_COOKIE_SECURE": False})
    with freeze_time("2030-01-15 09:00"):
        with other.test_client() as c:
            for _ in range(app.config["LOGIN_FREE_FAILURES_PER_ACCOUNT"]):
                c.post("/sign-in", data={"email": user.email, "password": "wrong-password!"})
        response = app.test_client().post("/sign-in",
                                          data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429


def test_open_redirect_refused(client, make_user, sign_in):
    user = make_user("admin")
    response = client.post("/sign-in?next=//evil.example/x",
                           data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(csrf_app, make_user):
    user = make_user("admin")
    client = csrf_app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    # No session yet: sent back to sign in with a message, not a bare 400, and not signed in.
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]
    assert client.get("/admin/").status_code == 302


def test_post_with_csrf_token_signs_in(csrf_app, make_user):
    user = make_user("admin")
    client = csrf_app.test_client()
    token = csrf_token(client.get("/sign-in").text)
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD,
                                             "csrf_token": token})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_expired_session_csrf_failure_is_kind(csrf_app, make_user, sign_in):
    """A signed-in admin whose session expired posts a form: back to sign in, with a message."""
    user = make_user("admin")
    client = csrf_app.test_client()
    token = csrf_token(client.get("/sign-in").text)
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    client.delete_cookie("hwb_session")  # the session has gone, as after the timeout
    response = client.post("/admin/systems/new", data={"code": "QQ1", "name": "X",
                                                       "csrf_token": token})
    assert response.status_code == 302
    follow = client.get(response.headers["Location"])
    assert "Your session timed out" in follow.text


def test_sign_out(client, make_user, sign_in):
    sign_in(make_user("admin"))
    client.post("/sign-out")
    assert client.get("/admin/").status_code == 302

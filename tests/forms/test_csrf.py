"""The forms' CSRF tokens (app/forms/csrf.py) are Flask-WTF's, made through a kept serializer:
each side accepts the other's, and a wrong, stale or missing token is refused with Flask-WTF's
words."""

from __future__ import annotations

import pytest
from flask import g, session
from flask_wtf.csrf import generate_csrf, validate_csrf
from itsdangerous import URLSafeTimedSerializer
from wtforms import ValidationError

from app.forms import csrf
from app.forms.base import ButtonForm


def _request(app, **form):
    """A request of its own. The app fixture's app context outlives requests, and with it g,
    where the request's token is kept: dropped here as a new request would start without it."""
    g.pop("csrf_token", None)
    return app.test_request_context("/", method="POST", data=form)


def test_our_token_is_flask_wtfs_token_and_each_accepts_the_other(app):
    with _request(app):
        ours = csrf.token()
        assert csrf.token() == ours  # one a request
        g.pop("csrf_token")
        theirs = generate_csrf()  # signs the same raw token from the session
        validate_csrf(ours)
        csrf.check(theirs)


@pytest.mark.parametrize("bad, words", [
    ("", "missing"), ("not-a-token", "invalid"), (None, "missing")])
def test_a_bad_token_is_refused(app, bad, words):
    with _request(app):
        csrf.token()
        with pytest.raises(ValidationError, match=words):
            csrf.check(bad)


def test_another_sessions_token_does_not_match(app):
    with _request(app):
        other = csrf.token()
    with _request(app):
        csrf.token()
        with pytest.raises(ValidationError, match="do not match"):
            csrf.check(other)


def test_a_token_signed_with_another_key_is_invalid(app):
    with _request(app):
        mine = csrf.token()
        raw = session["csrf_token"]
    app.secret_key = "a different secret key for this test only"
    with _request(app):
        session["csrf_token"] = raw
        with pytest.raises(ValidationError, match="invalid"):
            csrf.check(mine)


def test_an_expired_token_is_refused(app, monkeypatch):
    with _request(app):
        token = csrf.token()
        later = __import__("time").time() + 3601
        monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
        with pytest.raises(ValidationError, match="expired"):
            csrf.check(token, time_limit=3600)


def test_a_forms_csrf_field_uses_it(csrf_app):
    with _request(csrf_app):
        form = ButtonForm(formdata=None)
        assert form.csrf_token.current_token == csrf.token()
        signed, raw = csrf.token(), session["csrf_token"]
    with _request(csrf_app, csrf_token=signed):
        session["csrf_token"] = raw
        assert ButtonForm().validate()
    with _request(csrf_app, csrf_token="forged"):
        form = ButtonForm()
        assert not form.validate()
        assert form.errors == {"csrf_token": ["The CSRF token is invalid."]}


def test_forms_make_and_check_tokens_without_a_new_serializer_each_time(csrf_app, monkeypatch):
    with _request(csrf_app):
        signed, raw = csrf.token(), session["csrf_token"]  # the key's serializer, made once
    made = []
    real = URLSafeTimedSerializer.__init__
    monkeypatch.setattr(URLSafeTimedSerializer, "__init__",
                        lambda self, *a, **k: made.append(a) or real(self, *a, **k))
    with _request(csrf_app, csrf_token=signed):
        session["csrf_token"] = raw
        form = ButtonForm()
        assert form.validate() and form.csrf_token.current_token
    assert made == []

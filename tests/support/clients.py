"""Test clients and signing in: the password every test user has, a client that isolates each
request as a real server does, a signed-in client, and the CSRF token of a page."""

from __future__ import annotations

import contextvars
import re

from flask import Flask
from flask.testing import FlaskClient

from app import api_tokens
from app.extensions import db

PASSWORD = "correct-horse-battery"


class IsolatedClient(FlaskClient):
    """Each request runs in its own context, as in a real server: the test's own app context
    (and its `g` and database session) must not leak into the request."""

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


def signed_in_client(app: Flask, email: str, password: str = PASSWORD) -> FlaskClient:
    """A fresh client (another browser) signed in through the sign-in form."""
    client = app.test_client()
    response = client.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, (email, response.status_code)
    return client


def sign_in_with_csrf(client: FlaskClient, email: str, password: str = PASSWORD):
    """Sign in through the form as a browser does, its CSRF token included (for csrf_app)."""
    token = csrf_token(client.get("/sign-in").text)
    return client.post("/sign-in", data={"csrf_token": token, "email": email,
                                         "password": password})


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def token_client(app: Flask, user) -> FlaskClient:
    """A client that sends a new personal API token of `user` with every request."""
    _, secret = api_tokens.create(user, "test", 30)
    db.session.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client

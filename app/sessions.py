"""How long a signed-in session lives, and what its cookie is called.

Two clocks end a session: 30 minutes without a request (PERMANENT_SESSION_LIFETIME, refreshed
by each request) and SESSION_MAX_HOURS after signing in however busy it was (ASVS 7.3.2), so a
session kept alive on a shared computer does not last for ever."""

from __future__ import annotations

import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from app.extensions import db
from app.models import record

SIGNED_IN_AT = "signed_in_at"
ENDED = "You have been signed out because you signed in more than {hours} hours ago. Sign in again."


def start(user) -> None:
    """A fresh session for someone who has just proved who they are: nothing carried over
    from before sign-in (session fixation), and the absolute clock starts."""
    session.clear()
    login_user(user)
    session.permanent = True
    session[SIGNED_IN_AT] = int(time.time())


def end() -> None:
    logout_user()
    session.clear()


def _host_prefixed(app: Flask) -> None:
    """A Secure cookie for the whole site takes the __Host- prefix: browsers then accept it
    only over HTTPS, for path /, with no Domain, so a sibling subdomain cannot plant or
    overwrite it. Local development (plain HTTP) keeps the bare name."""
    cfg = app.config
    whole_site = (not cfg.get("SESSION_COOKIE_DOMAIN")
                  and cfg.get("SESSION_COOKIE_PATH") in (None, "/")
                  and cfg.get("APPLICATION_ROOT", "/") == "/")
    name = cfg["SESSION_COOKIE_NAME"]
    if cfg.get("SESSION_COOKIE_SECURE") and whole_site and not name.startswith("__Host-"):
        cfg["SESSION_COOKIE_NAME"] = "__Host-" + name


def init_app(app: Flask) -> None:
    _host_prefixed(app)

    @app.before_request
    def end_long_sessions():
        if "_user_id" not in session:
            return None
        hours = current_app.config["SESSION_MAX_HOURS"]
        if time.time() - session.get(SIGNED_IN_AT, 0) <= hours * 3600:
            return None
        if current_user.is_authenticated:  # audited like a sign-out
            record("session_expired", current_user.email, hours=hours)
            db.session.commit()
        end()
        flash(ENDED.format(hours=hours))
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", next=target))

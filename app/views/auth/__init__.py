"""Signing in and out. Open to anyone: it is the way in."""

from flask import Blueprint

from app.views.access import ANYONE, guard

bp = guard(Blueprint("auth", __name__), ANYONE)

from app.views.auth import routes, sign_out  # noqa: E402,F401

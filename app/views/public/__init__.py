"""Pages anyone may read: the home page and the service's statements."""

from flask import Blueprint

from app.views.access import ANYONE, guard

bp = guard(Blueprint("public", __name__), ANYONE)

from app.views.public import routes  # noqa: E402,F401

"""Administration: systems, organisations, users and the audit log. Admins only."""

from flask import Blueprint

from app.views.access import guard

bp = guard(Blueprint("admin", __name__, url_prefix="/admin"), {"admin"})

from app.views.admin import people, routes  # noqa: E402,F401

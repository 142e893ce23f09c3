"""Consultation administration: status, responses, moderation, summary, exports. Admins only."""

from flask import Blueprint

from app.views.access import guard

bp = guard(Blueprint("admin_consultations", __name__, url_prefix="/admin/consultations"),
           {"admin"})

from app.views.admin_consultations import moderation, routes  # noqa: E402,F401

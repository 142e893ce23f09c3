"""The ICS compilation: every organisation's diagnostic in a system, side by side.

Admins and ICS leads enter as a whole; an ICS lead sees only their own system (checked in
helpers.system_or_404 for every page).
"""

from flask import Blueprint

from app.views.access import guard

bp = guard(Blueprint("ics", __name__, url_prefix="/ics"), {"admin", "ics_lead"})

from app.views.ics import files, pages, tags  # noqa: E402,F401

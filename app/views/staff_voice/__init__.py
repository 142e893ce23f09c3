"""Staff-voice surveys for leads: launch waves, links, QR codes, access codes and results.

Org leads work with their own organisation, ICS leads read their system's results, admins all.
"""

from flask import Blueprint

from app.views.access import guard

bp = guard(Blueprint("staff_voice", __name__, url_prefix="/staff-voice"),
           {"admin", "org_lead", "ics_lead"})

from app.views.staff_voice import closing, results, waves  # noqa: E402,F401

"""The public consultation hub and the consultation questionnaires. Anyone may answer."""

from flask import Blueprint

from app.views.access import ANYONE, guard

bp = guard(Blueprint("public_consultations", __name__, url_prefix="/consultations"), ANYONE)

from app.views.consultations import hub, respond  # noqa: E402,F401

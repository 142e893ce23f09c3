"""The public consultation hub and the consultation questionnaires. Anyone may answer.

Every page is sent with Cache-Control: no-store: they show a respondent's answers and name (as
typed, or as published), so no browser or proxy keeps a copy."""

from flask import Blueprint

from app.security import no_store
from app.views.access import ANYONE, guard

bp = no_store(guard(Blueprint("public_consultations", __name__, url_prefix="/consultations"),
                    ANYONE))

from app.views.consultations import hub, respond  # noqa: E402,F401

"""Forms kept when a session ended before they were saved (app/kept_forms.py): shown back to
the person who sent them, to send again or discard."""

from flask import Blueprint

from app.models.user import ROLES
from app.views.access import guard

bp = guard(Blueprint("kept", __name__, url_prefix="/kept"), set(ROLES))

from app.views.kept import routes  # noqa: E402,F401

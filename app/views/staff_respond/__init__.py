"""Staff-voice surveys, answered anonymously by anyone with a wave's link.

Every page is sent with Cache-Control: no-store, and after sending their answers the session is
cleared, so on a shared device the next person finds nothing of the last one's answers.
"""

from flask import Blueprint

from app.security import no_store
from app.views.access import ANYONE, guard

bp = no_store(guard(Blueprint("staff_respond", __name__, url_prefix="/staff"), ANYONE))

from app.views.staff_respond import routes  # noqa: E402,F401

"""The package's blueprint (its docstring says who may enter). The route modules import it
from here, not from the package, which imports them: so there is no import cycle."""

from flask import Blueprint

from app.security import no_store
from app.views.access import ANYONE, guard

bp = no_store(guard(Blueprint("public_consultations", __name__, url_prefix="/consultations"),
                    ANYONE))

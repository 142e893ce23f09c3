"""The package's blueprint (its docstring says who may enter). The route modules import it
from here, not from the package, which imports them: so there is no import cycle."""

from flask import Blueprint

from app.models import ROLES
from app.views.access import guard

bp = guard(Blueprint("account", __name__, url_prefix="/account"), ROLES)

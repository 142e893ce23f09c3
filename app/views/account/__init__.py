"""A signed-in person's own account: changing their password."""

from flask import Blueprint

from app.models import ROLES
from app.views.access import guard

bp = guard(Blueprint("account", __name__, url_prefix="/account"), ROLES)

from app.views.account import password  # noqa: E402,F401

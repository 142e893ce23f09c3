"""The ICS compilation: every organisation's diagnostic in a system, side by side.

Admins and ICS leads enter as a whole; an ICS lead sees only their own system (checked in
helpers.system_or_404 for every page).
"""

from app.views.ics.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import buddies, files, pages, tags  # noqa: F401

__all__ = ["bp"]

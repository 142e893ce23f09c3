"""Staff-voice surveys for leads: launch waves, links, QR codes, access codes and results.

Org leads work with their own organisation, ICS leads read their system's results, admins all.
"""

from app.views.staff_voice.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import closing, results, waves  # noqa: F401

__all__ = ["bp"]

"""Consultation administration: status, responses, moderation, summary, exports. Admins only."""

from app.views.admin_consultations.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import listing, moderation, routes  # noqa: F401

__all__ = ["bp"]

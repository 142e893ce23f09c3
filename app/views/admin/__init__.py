"""Administration: systems, organisations, users, the audit log and the outbox. Admins only."""

from app.views.admin.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import outbox, people, routes, webhooks  # noqa: F401

__all__ = ["bp"]

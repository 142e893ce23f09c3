"""Administration: systems, organisations, users and the audit log. Admins only."""

from app.views.admin.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import people, routes  # noqa: F401

__all__ = ["bp"]

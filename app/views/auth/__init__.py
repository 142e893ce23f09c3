"""Signing in and out. Open to anyone: it is the way in."""

from app.views.auth.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import invitation, routes, sign_out  # noqa: F401

__all__ = ["bp"]

"""A signed-in person's own account: changing their password."""

from app.views.account.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import password, reminders, tokens  # noqa: F401

__all__ = ["bp"]

"""Forms kept when a session ended before they were saved (app/kept_forms.py): shown back to
the person who sent them, to send again or discard."""

from app.views.kept.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import routes  # noqa: F401

__all__ = ["bp"]

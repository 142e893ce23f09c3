"""Pages anyone may read: the home page and the service's statements."""

from app.views.public.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import routes  # noqa: F401

__all__ = ["bp"]

"""The diagnostic: organisations self-assess against the framework, element by element.

Roles enter as a whole here; per-object checks (own organisation, assigned elements, own
system) are the rules of app/permissions.py, applied in each view (helpers.py looks up and checks).
"""

from app.views.diagnostic.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import action_plan, files, invite, items, overview, plan, ratings, signoff  # noqa: F401

__all__ = ["bp"]

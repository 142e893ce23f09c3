"""NHS Staff Survey theme scores: importing an organisation's published scores. Admins only."""

# Importing the route module adds its pages to bp. It takes bp from .blueprint, so nothing
# imports this package back while it is loading.
from app.views.admin_staff_survey import routes  # noqa: F401
from app.views.admin_staff_survey.blueprint import bp

__all__ = ["bp"]

"""The public consultation hub and the consultation questionnaires. Anyone may answer.

Every page is sent with Cache-Control: no-store: they show a respondent's answers and name (as
typed, or as published), so no browser or proxy keeps a copy."""

from app.views.consultations.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import hub, respond  # noqa: F401

__all__ = ["bp"]

"""The read API (app/views/api/blueprint.py says how it is entered)."""

from app.views.api.blueprint import bp

from . import ics_tables, openapi, routes, staff_voice  # noqa: F401  (their routes join bp)

__all__ = ["bp"]

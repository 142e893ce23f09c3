"""The read API (app/views/api/blueprint.py says how it is entered)."""

from app.read_replica import serve_blueprint
from app.views.api.blueprint import bp

from . import ics_tables, openapi, routes, staff_voice  # noqa: F401  (their routes join bp)

serve_blueprint(bp)  # it only reads: a read replica may answer (after its token is checked)

__all__ = ["bp"]

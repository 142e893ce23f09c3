"""The package's blueprint (its docstring says who may enter). The route module imports it from
here, not from the package, which imports it: so there is no import cycle."""

from flask import Blueprint

from app.views.access import guard

bp = guard(Blueprint("admin_staff_survey", __name__, url_prefix="/admin/staff-survey"),
           {"admin"})

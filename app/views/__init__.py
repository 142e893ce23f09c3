"""Blueprints, one per audience. Each declares who may enter it as a whole (see access.py)."""

from __future__ import annotations

from flask import Flask

from app.views.access import navigation
from app.views.account import bp as account_bp
from app.views.admin import bp as admin_bp
from app.views.admin_consultations import bp as admin_consultations_bp
from app.views.admin_staff_survey import bp as admin_staff_survey_bp
from app.views.api import bp as api_bp
from app.views.auth import bp as auth_bp
from app.views.consultations import bp as public_consultations_bp
from app.views.diagnostic import bp as diagnostic_bp
from app.views.ics import bp as ics_bp
from app.views.kept import bp as kept_bp
from app.views.public import bp as public_bp
from app.views.staff_respond import bp as staff_respond_bp
from app.views.staff_respond.short_links import bp as short_links_bp
from app.views.staff_voice import bp as staff_voice_bp
from app.views.themes import consultation_bp as consultation_themes_bp
from app.views.themes import ics_bp as ics_themes_bp

BLUEPRINTS = (public_bp, auth_bp, admin_bp, public_consultations_bp, admin_consultations_bp,
              admin_staff_survey_bp, diagnostic_bp, staff_respond_bp, short_links_bp,
              staff_voice_bp, ics_bp, kept_bp, account_bp, consultation_themes_bp,
              ics_themes_bp, api_bp)


def register_blueprints(app: Flask) -> None:
    for bp in BLUEPRINTS:
        app.register_blueprint(bp)
    app.jinja_env.globals["navigation"] = navigation
    app.jinja_env.globals["endpoints"] = set(app.view_functions)

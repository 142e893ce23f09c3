"""Blueprints, one per audience. Each declares who may enter it as a whole (see access.py)."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from app.views.admin import bp as admin_bp
    from app.views.auth import bp as auth_bp
    from app.views.public import bp as public_bp

    for bp in (public_bp, auth_bp, admin_bp):
        app.register_blueprint(bp)

    from app.views.consultations import bp as public_consultations_bp

    app.register_blueprint(public_consultations_bp)
    from app.views.admin_consultations import bp as admin_consultations_bp

    app.register_blueprint(admin_consultations_bp)

    from app.views.diagnostic import bp as diagnostic_bp

    app.register_blueprint(diagnostic_bp)

    from app.views.staff_respond import bp as staff_respond_bp
    from app.views.staff_voice import bp as staff_voice_bp

    app.register_blueprint(staff_respond_bp)
    app.register_blueprint(staff_voice_bp)

    from app.views.ics import bp as ics_bp

    app.register_blueprint(ics_bp)

    from app.views.kept import bp as kept_bp

    app.register_blueprint(kept_bp)

    from app.views.account import bp as account_bp

    app.register_blueprint(account_bp)

    from app.views.access import navigation

    app.jinja_env.globals["navigation"] = navigation
    app.jinja_env.globals["endpoints"] = set(app.view_functions)

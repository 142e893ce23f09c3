"""The NHS Health and Wellbeing platform: application factory."""

from __future__ import annotations

import os

from flask import Flask
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.middleware.proxy_fix import ProxyFix


def create_app(test_config: dict | None = None) -> Flask:
    # The app's parts are imported here, when an app is made, not at the top: this package is
    # the parent of every module, so importing any one of them (app.surveys, a migration) would
    # otherwise load the whole web app, each part importing back into this half-loaded module.
    from app.application import App

    app = App(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)

    # 1. configuration: defaults, instance/config.py, environment, then the test's own
    from app import config

    app.config.from_mapping(config.defaults(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(config.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    # The pool's settings suit the database finally chosen, from whichever source named it.
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS",
                          config.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    _trust_proxies(app, config.whole_number(app.config, "TRUSTED_PROXIES"))
    # Read on every respondent request (app/staff_voice/waves.py): made a number once, here.
    app.config["WAVE_ROW_SECONDS"] = config.whole_number(app.config, "WAVE_ROW_SECONDS")

    # 2. templates: ours first, then the NHS.UK frontend macros. Autoescape everything: Flask
    # would otherwise leave the frontend's .jinja macros unescaped (labels, summary lists).
    app.jinja_options = {
        **app.jinja_options,
        "autoescape": True,
        "undefined": ChainableUndefined,
        "loader": ChoiceLoader(
            [FileSystemLoader(os.path.join(app.root_path, "templates")),
             PackageLoader("nhsuk_frontend_jinja")]
        ),
    }

    # 3. extensions
    from app.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)

    # 4. the read replica, security headers, errors, template helpers; analysis counts what
    # the domains announce
    from app import (
        analysis,
        audit_views,
        errors,
        i18n,
        kept_forms,
        read_replica,
        requests,
        security,
        sessions,
        templating,
    )

    read_replica.init_app(app)
    requests.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    kept_forms.init_app(app)
    audit_views.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    i18n.init_app(app)
    analysis.init_app(app)

    # 5. blueprints, each guarded as a whole
    from app.views import register_blueprints

    register_blueprints(app)

    # 6. command line
    from app import cli

    cli.init_app(app)
    return app


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind `hops` proxies that each append to X-Forwarded-For and set X-Forwarded-Proto,
    take the client's address and scheme from them (throttling counts per client). With 0,
    the headers are ignored: anyone can send them. The Host header is not taken from
    X-Forwarded-Host, which a proxy that does not set it would pass through forged."""
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops)

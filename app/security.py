"""Security headers, set in one place for every response."""

from __future__ import annotations

import secrets

from flask import Flask, g, request
from flask_login import current_user
from werkzeug.datastructures import ImmutableMultiDict


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' https://assets.nhs.uk",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _without_nul(data: ImmutableMultiDict) -> ImmutableMultiDict:
    return ImmutableMultiDict([(k.replace("\x00", ""), v.replace("\x00", ""))
                               for k, v in data.items(multi=True)])


def strip_nul_bytes() -> None:
    """NUL is never meaningful in a form or query, and PostgreSQL refuses it in text: drop it
    once here, for every view, rather than let one reach the database as a server error."""
    if b"%00" in request.query_string or b"\x00" in request.query_string:
        request.args = _without_nul(request.args)
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        form = request.form
        if any("\x00" in k or "\x00" in v for k, v in form.items(multi=True)):
            request.form = _without_nul(form)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.before_request_funcs.setdefault(None, []).insert(0, strip_nul_bytes)

    @app.after_request
    def set_headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            h.setdefault("Strict-Transport-Security",
                         f"max-age={app.config['HSTS_SECONDS']}; includeSubDomains")
        # Pages behind sign-in may show results or personal data: never keep them in caches.
        if current_user.is_authenticated or getattr(g, "no_store", False):
            h["Cache-Control"] = "no-store"
        elif request.endpoint != "static":
            h.setdefault("Cache-Control", "no-cache")
        return response

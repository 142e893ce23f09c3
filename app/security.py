"""Security headers, set in one place for every response; and the one check of where a link
may send people next."""

from __future__ import annotations

import secrets
import unicodedata
from urllib.parse import unquote, urlsplit

from flask import Blueprint, Flask, g, request, url_for
from flask_login import current_user

MAX_NEXT = 2000
# Control, format (zero-width, right-to-left) and line/paragraph separator characters: browsers
# drop some (a tab or newline inside "/\t/evil.example" leaves "//evil.example"), headers
# refuse others, and none belongs in an address this site makes.
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _plain(text: str, *, spaces: bool) -> bool:
    return "\\" not in text and not any(
        unicodedata.category(ch) in _HIDDEN or (not spaces and ch.isspace()) for ch in text)


def same_site_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: it starts with one "/" (not "//",
    which is another host, nor "/\\", which browsers read as "//"), has no scheme or host,
    no whitespace, control or invisible character, no backslash, and the same holds once
    percent-decoded (so "/%2F%2Fevil.example" and "/%0d%0a" are refused too)."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > MAX_NEXT:
        return None
    decoded = unquote(target)
    if target.startswith("//") or decoded.startswith("//") or not _plain(target, spaces=False) \
            or not _plain(decoded, spaces=True):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def safe_next(target: str | None) -> str:
    """Where to go next: `target` if it is a path on this site, else the home page."""
    return same_site_path(target) or url_for("public.home")


def back_path() -> str:
    """The page a request came from, if it is on this site, else its own path if that is safe,
    else the home page: for sending someone back after a refused form."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host and referrer.scheme in ("http", "https"):
        came_from = same_site_path(referrer.path + (f"?{referrer.query}" if referrer.query
                                                    else ""))
        if came_from:
            return came_from
    return safe_next(request.path)


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


def no_store(bp: Blueprint) -> Blueprint:
    """Mark every page of a respondent blueprint no-store: its pages show what a respondent
    typed (answers, their name) or published answers, to people who are not signed in."""
    @bp.before_request
    def _no_store():
        g.no_store = True

    return bp


def _keep_out_of_caches() -> bool:
    """No browser or proxy may keep a copy of a page behind sign-in (results, personal data),
    of a respondent's pages, or of an answer to a form sent (it shows back what was typed)."""
    # Cheapest first: current_user loads the user (a session read, perhaps a query).
    return (getattr(g, "no_store", False) or request.method not in ("GET", "HEAD")
            or current_user.is_authenticated)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def set_headers(response):
        wanted = {
            "Content-Security-Policy": content_security_policy(csp_nonce()),
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        if app.config.get("SESSION_COOKIE_SECURE"):
            wanted["Strict-Transport-Security"] = \
                f"max-age={app.config['HSTS_SECONDS']}; includeSubDomains"
        h = response.headers
        if _keep_out_of_caches():
            h["Cache-Control"] = "no-store"
        elif request.endpoint != "static":
            wanted["Cache-Control"] = "no-cache"
        # A header the view set wins. One pass over the headers, not a setdefault each:
        # werkzeug's setdefault raises and catches an exception for every header missing.
        present = {key.lower() for key, _ in h.items()}
        h.extend([(key, value) for key, value in wanted.items() if key.lower() not in present])
        return response

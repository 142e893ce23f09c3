"""Full addresses for links that leave the site (emails, printed cards): on the request's host
in a request, else on PUBLIC_BASE_URL (the command line, cron)."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values) -> str:
    if has_request_context():
        return url_for(endpoint, **values, _external=True)
    base = current_app.config.get("PUBLIC_BASE_URL", "http://localhost:5000")
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, **values, _external=True)

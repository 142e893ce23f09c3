"""/api/v1/: read-only JSON (and CSV for tables) for other systems such as Power BI.

Every request carries a personal token (`Authorization: Bearer hwb_...`, app/api_tokens.py) and
acts with exactly its owner's access, checked by app.permissions as the pages are. A browser's
session cookie is not accepted here, so no page can be made to call the API on someone's behalf.
Errors are JSON with the right status (app/errors.py answers for every /api/ address), every
request is audited like a page view, and each token may make PER_MINUTE requests a minute."""

from __future__ import annotations

from flask import Blueprint, abort, g, request

from app import api_tokens, clock
from app.extensions import csrf, db
from app.models import record
from app.models.base import utcnow

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
OPEN = {"api.openapi", "api.reference"}  # the description of the API itself is public


def unauthorised(title: str):
    return ({"error": {"status": 401, "title": title}}, 401,
            {"WWW-Authenticate": 'Bearer realm="api"'})


@bp.before_request
def _token():
    if request.endpoint in OPEN:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return unauthorised("Send a personal API token: Authorization: Bearer <token>")
    token = api_tokens.find(secret.strip(), clock.today())
    if token is None:
        return unauthorised("This token is not valid: it may be wrong, revoked or expired")
    wait = api_tokens.spend(token, utcnow())
    record("api_request", request.path, actor=token.user, token=token.id)
    db.session.commit()
    if wait:
        return ({"error": {"status": 429, "title": f"Too many requests: wait {wait} seconds"}},
                429, {"Retry-After": str(wait)})
    g.api_user = token.user
    return None


def user():
    return g.api_user


def allowed(found, rule):
    """As app.views.access.allowed_or_abort, for the token's owner."""
    if found is None:
        abort(404)
    if not rule(user(), found):
        abort(403)
    return found

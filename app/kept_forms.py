"""Nothing typed is lost when a session ends: a form a signed-in person sends after their
session timed out is kept, and offered back to them once they sign in again.

A form is kept only when it proves it came from that person's own page: the session still
names them (the cookie outlives the idle clock, which the server keeps) and the form's CSRF
token is valid. So another site cannot plant text to be offered to them, and no one else is
shown it. Kept forms are deleted when sent again or discarded, and after KEEP_HOURS.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from flask import Flask, request, session
from flask_login import current_user
from flask_wtf.csrf import ValidationError, validate_csrf
from sqlalchemy import delete, select

from app.extensions import db
from app.models.base import utcnow
from app.models.kept import KeptForm

KEEP_HOURS = 24
SESSION_KEY = "kept_form"  # the token, carried across sign-in
FIELD = "_kept"  # sent with the form when it is sent again, so the kept copy is deleted
NOT_KEPT = {"csrf_token", FIELD}


def keep(user_id: int) -> str | None:
    """Keep the request's form for this user (the caller commits); its token, or None when
    there is nothing to keep or it cannot be trusted as theirs."""
    if request.method != "POST" or request.blueprint == "auth" or request.url_rule is None:
        return None  # only a real page's form (the path is sent to again after sign-in)
    if any(f.filename for f in request.files.values()):
        return None  # an upload is not kept: it would be sent again by hand anyway
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return None
    fields = [[k, v] for k, v in request.form.items(multi=True) if k not in NOT_KEPT]
    if not any(v.strip() for _, v in fields):
        return None
    _purge()
    kept = KeptForm(token=secrets.token_urlsafe(32), user_id=user_id, path=request.path[:500],
                    fields=json.dumps(fields))
    db.session.add(kept)
    return kept.token


def for_user(token: str | None, user_id: int) -> KeptForm | None:
    """The kept form with this token if it is this user's and still kept."""
    if not token or len(token) > 64:
        return None
    kept = db.session.scalar(select(KeptForm).where(KeptForm.token == token))
    if kept is None or kept.user_id != user_id or kept.created_at < _oldest():
        return None
    return kept


def waiting(user_id: int) -> KeptForm | None:
    """After sign-in: the form kept in this browser, if it is this user's. A form someone else
    left in the browser is deleted: it can never be shown to them."""
    token = session.pop(SESSION_KEY, None)
    if not token:
        return None
    kept = for_user(token, user_id)
    if kept is None:
        db.session.execute(delete(KeptForm).where(KeptForm.token == token))
    return kept


def fields(kept: KeptForm) -> list[tuple[str, str]]:
    return [(name, value) for name, value in json.loads(kept.fields)]


def init_app(app: Flask) -> None:
    @app.before_request
    def forget_sent():
        """A kept form sent again carries FIELD: its kept copy has done its job. Deleted before
        the page handles it; a page that refuses it re-shows what was sent, as for any form."""
        token = request.form.get(FIELD) if request.method == "POST" else None
        if token and current_user.is_authenticated:
            db.session.execute(delete(KeptForm).where(KeptForm.token == token[:64],
                                                      KeptForm.user_id == current_user.id))
            db.session.commit()


def _oldest():
    return utcnow() - timedelta(hours=KEEP_HOURS)


def _purge() -> None:
    db.session.execute(delete(KeptForm).where(KeptForm.created_at < _oldest()))

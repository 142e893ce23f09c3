"""CSRF tokens for every form, made and checked as Flask-WTF makes and checks them (the same
raw token in the session, the same signed token in the page, so its CSRFProtect and
`csrf_token()` accept ours and we theirs), through a serializer made once per secret key
(app/signing.py) instead of one made for every token: 3% of a respondent's journey."""

from __future__ import annotations

import hmac
import logging
import secrets

from flask import current_app, g, session
from itsdangerous import BadData, SignatureExpired
from wtforms import ValidationError
from wtforms.csrf.core import CSRF

from app import signing

SALT = "wtf-csrf-token"  # Flask-WTF's
logger = logging.getLogger(__name__)


def _serializer(secret: str | bytes | None):
    return signing.serializer((secret or current_app.secret_key,), SALT)


def token(secret=None, field_name: str = "csrf_token") -> str:
    """This request's signed token, the same all request (kept in g, as Flask-WTF keeps it)."""
    if field_name not in g:
        raw = session.get(field_name)
        if not isinstance(raw, str):
            raw = session[field_name] = secrets.token_hex(20)  # as long as Flask-WTF's
        setattr(g, field_name, _serializer(secret).dumps(raw))
    return g.get(field_name)


def check(data: str | None, secret=None, time_limit: int | None = None,
          field_name: str = "csrf_token") -> None:
    """Raise ValidationError, with Flask-WTF's words, unless `data` is this session's token."""
    if not data:
        raise ValidationError("The CSRF token is missing.")
    raw = session.get(field_name)
    if not isinstance(raw, str):
        raise ValidationError("The CSRF session token is missing.")
    try:
        signed = _serializer(secret).loads(data, max_age=time_limit)
    except SignatureExpired as e:
        raise ValidationError("The CSRF token has expired.") from e
    except BadData as e:
        raise ValidationError("The CSRF token is invalid.") from e
    if not isinstance(signed, str) or not hmac.compare_digest(raw, signed):
        raise ValidationError("The CSRF tokens do not match.")


class KeptCSRF(CSRF):
    """The forms' CSRF (Form.Meta.csrf_class), reading the form's meta as Flask-WTF's does."""

    def setup_form(self, form):
        self.meta = form.meta
        return super().setup_form(form)

    def generate_csrf_token(self, csrf_token_field) -> str:
        return token(self.meta.csrf_secret, self.meta.csrf_field_name)

    def validate_csrf_token(self, form, field) -> None:
        if g.get("csrf_valid", False):  # CSRFProtect checked this request already
            return
        try:
            check(field.data, self.meta.csrf_secret, self.meta.csrf_time_limit,
                  self.meta.csrf_field_name)
        except ValidationError as e:
            logger.info(e.args[0])
            raise

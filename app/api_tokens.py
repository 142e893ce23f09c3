"""Personal API tokens: made by a signed-in person for themselves, shown once, kept only as a
SHA-256 hash (a token is 256 random bits, so no slow hash is needed), named, expiring, revocable.
A token acts with exactly its owner's access, checked afresh on every request: a deactivated
person's tokens stop working at once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import ApiToken
from app.models.base import utcnow

PREFIX = "hwb_"
LIFETIMES = {"30": "30 days", "90": "90 days", "365": "1 year"}
PER_MINUTE = 300


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token and its secret (the only time it exists in full; the caller commits)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, digest=digest(secret), prefix=secret[:12],
                     expires_on=clock.today() + timedelta(days=days))
    db.session.add(token)
    return token, secret


def owned(user) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()


def find(secret: str, today: date) -> ApiToken | None:
    """The live token with this secret: not revoked, not expired, its owner active."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.digest == digest(secret)))
    if token is None or token.revoked_at is not None or token.expires_on < today:
        return None
    return token if token.user.active else None


def spend(token: ApiToken, now: datetime) -> int:
    """Count a request; returns the seconds to wait if over PER_MINUTE (0: go ahead)."""
    if token.window_start is None or now - token.window_start >= timedelta(minutes=1):
        token.window_start, token.window_count = now, 0
    token.window_count += 1
    token.last_used_at = now
    if token.window_count > PER_MINUTE:
        return max(1, 60 - int((now - token.window_start).total_seconds()))
    return 0


def usable(token: ApiToken, today: date) -> bool:
    return token.revoked_at is None and token.expires_on >= today


def status(token: ApiToken, today: date) -> str:
    if token.revoked_at is not None:
        return "Revoked"
    return "Expired" if token.expires_on < today else "Active"

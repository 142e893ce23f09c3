"""Sign-in rules: who a session belongs to, and the throttle every worker shares."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from app.extensions import db, login_manager
from app.models import LoginAttempt, User
from app.models.base import utcnow


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    # The id carries the session version, so deactivating a user or changing their password
    # ends every session they had.
    try:
        uid, version = (int(x) for x in user_id.split(":"))
    except ValueError:
        return None
    user = db.session.get(User, uid)
    if user is None or not user.active or user.session_version != version:
        return None
    return user


login_manager.login_view = "auth.sign_in"
login_manager.login_message = "Sign in to see that page."


def _keys(email: str, address: str) -> tuple[str, str]:
    return f"account:{email.strip().lower()}", f"address:{address}"


def is_throttled(email: str, address: str) -> bool:
    cfg = current_app.config
    since = utcnow() - timedelta(minutes=cfg["LOGIN_THROTTLE_MINUTES"])
    account, addr = _keys(email, address)
    counts = dict(db.session.execute(
        select(LoginAttempt.key, func.count())
        .where(LoginAttempt.key.in_([account, addr]), LoginAttempt.at >= since)
        .group_by(LoginAttempt.key)
    ).all())
    return (counts.get(account, 0) >= cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
            or counts.get(addr, 0) >= cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"])


def record_failure(email: str, address: str) -> None:
    for key in _keys(email, address):
        db.session.add(LoginAttempt(key=key))
    db.session.commit()


def clear_failures(email: str) -> None:
    account, _ = _keys(email, "")
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.key == account))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None. Takes the same time whether or not
    the account exists, so timing does not reveal which emails are registered."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        User(password_hash=_dummy_hash()).check_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        from werkzeug.security import generate_password_hash

        _DUMMY.append(generate_password_hash("not-a-real-password", method="scrypt"))
    return _DUMMY[0]

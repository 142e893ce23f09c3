"""Sign-in rules: who a session belongs to, and the throttle every worker shares."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.config import whole_number
from app.extensions import db, login_manager
from app.models import User
from app.throttle import Policy, Rule, Throttle


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


def sign_in_throttle(email: str, address: str, device: str | None = None) -> Throttle:
    """The throttle for signing in to `email` from `address` (with this browser's device
    nonce for the account, if it has one). Settings in app/config.py; why not Flask-Limiter
    in app/throttle.py."""
    cfg = current_app.config

    def setting(name: str) -> int:
        return whole_number(cfg, name)

    per_account = Rule(setting("LOGIN_FREE_FAILURES_PER_ACCOUNT"),
                       setting("LOGIN_MAX_WAIT_PER_ACCOUNT_SECONDS"))
    policy = Policy(
        "sign-in", timedelta(minutes=setting("LOGIN_FAILURE_WINDOW_MINUTES")),
        client=Rule(setting("LOGIN_FREE_FAILURES_PER_CLIENT"),
                    setting("LOGIN_MAX_WAIT_PER_CLIENT_SECONDS")),
        scope=per_account, device=per_account)
    return Throttle(policy, f"account:{email.strip().lower()}", address, device)


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
        _DUMMY.append(generate_password_hash("not-a-real-password", method="scrypt"))
    return _DUMMY[0]

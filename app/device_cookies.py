"""Device cookies (OWASP's answer to lockout as denial of service): a browser that has signed in
to an account gets a signed cookie naming that account, and next time it is held back only by its
own failures, not by the account's or by its address's. So an attacker hammering an account, or a
colleague mistyping behind the same hospital address, cannot keep the owner out of her usual
browser. Only a correct password earns one, so an attacker cannot make one for someone else's
account; one made with the attacker's own account exempts nothing else.

One cookie holds the browser's most recent accounts (a shared ward PC has several), each as a
keyed hash of the email, a random nonce and when it was given; nothing in it names anyone.
"""

from __future__ import annotations

import secrets
import time

from flask import Response, current_app, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from app.config import whole_number
from app.throttle import keyed_hash

NAME = "hwb_device"
KEEP = 5  # accounts remembered per browser


def _name() -> str:
    # __Secure- makes browsers take it only over HTTPS (and keeps it off other paths' scripts).
    return ("__Secure-" + NAME) if current_app.config.get("SESSION_COOKIE_SECURE") else NAME


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="device-cookie")


def _max_age() -> int:
    return whole_number(current_app.config, "LOGIN_DEVICE_COOKIE_DAYS") * 86400


def _entries() -> list[list]:
    """The cookie's [account hash, nonce, given at] entries still in date; [] if none or forged."""
    value = request.cookies.get(_name())
    if not value:
        return []
    try:
        entries = _serializer().loads(value)
    except BadSignature:
        return []
    oldest = time.time() - _max_age()
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, list) and len(e) == 3
            and isinstance(e[2], int) and e[2] >= oldest]


def _account(email: str) -> str:
    return keyed_hash("device-account", email)


def nonce_for(email: str) -> str | None:
    """This browser's device nonce for the account, if it holds a valid one."""
    account = _account(email)
    return next((str(nonce) for acc, nonce, _ in _entries() if acc == account), None)


def give(response: Response, email: str) -> None:
    """A fresh device cookie entry for the account just signed in to, on the response."""
    account = _account(email)
    kept = [e for e in _entries() if e[0] != account][:KEEP - 1]
    entries = [[account, secrets.token_urlsafe(16), int(time.time())], *kept]
    response.set_cookie(
        _name(), _serializer().dumps(entries), max_age=_max_age(),
        path=url_for("auth.sign_in"), secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True, samesite="Strict")

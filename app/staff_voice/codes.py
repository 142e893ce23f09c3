"""Single-use access codes: made in batches, shown once, stored only as keyed hashes.

A code is spent in the same transaction that stores the response, by a conditional update, and
nothing records which response spent it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, insert, select, update

from app.extensions import db
from app.models import LoginAttempt
from app.models.base import utcnow
from app.models.staff_voice import AccessCode, Wave

# No 0/O, 1/I/L: codes are typed from paper, often on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_LEN = 3, 4
MAX_FAILURES = 10
THROTTLE_MINUTES = 15
MAX_BATCH = 2000


class CodeSpent(Exception):
    """The code was used by someone else between entering it and sending the answers."""


def new_code() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LEN))
                    for _ in range(GROUPS))


def normalise(text: str) -> str:
    """What was typed, as a code: case, spaces and dashes do not matter; O/I/L read as 0/1."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())[:40]
    return raw.replace("O", "0").replace("I", "1").replace("L", "1")


def digest(wave_id: int, code: str) -> str:
    """A keyed hash, so a copy of the database alone cannot be used to test guesses."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"staff-voice:{wave_id}:{normalise(code)}".encode(),
                    hashlib.sha256).hexdigest()


def make_batch(wave: Wave, number: int) -> list[str]:
    """Store `number` new codes for the wave and return them in plain text, this once."""
    number = max(1, min(int(number), MAX_BATCH))
    codes: set[str] = set()
    while len(codes) < number:
        codes.add(new_code())
    plain = sorted(codes)
    db.session.execute(insert(AccessCode), [
        {"wave_id": wave.id, "code_hash": digest(wave.id, c), "spent": False} for c in plain])
    wave.uses_codes = True
    return plain


def is_usable(wave: Wave, code: str) -> str | None:
    """The code's hash if it is a live code of this wave, else None (same answer for spent,
    unknown and mistyped, so nothing is revealed about other codes)."""
    if len(normalise(code)) != GROUPS * GROUP_LEN:
        return None
    hashed = digest(wave.id, code)
    live = db.session.scalar(select(AccessCode.id).where(
        AccessCode.wave_id == wave.id, AccessCode.code_hash == hashed,
        AccessCode.spent.is_(False)))
    return hashed if live else None


def spend(wave: Wave, hashed: str) -> None:
    """Mark the code spent in the current transaction; CodeSpent if it already was."""
    result = db.session.execute(update(AccessCode).where(
        AccessCode.wave_id == wave.id, AccessCode.code_hash == hashed,
        AccessCode.spent.is_(False)).values(spent=True))
    if result.rowcount != 1:
        raise CodeSpent


def tally(wave: Wave) -> tuple[int, int]:
    """(codes made, codes used)."""
    made, used = db.session.execute(select(
        func.count(AccessCode.id),
        func.coalesce(func.sum(func.cast(AccessCode.spent, db.Integer)), 0),
    ).where(AccessCode.wave_id == wave.id)).one()
    return int(made), int(used)


# Guessing is throttled with the sign-in throttle's table, which every worker shares. The key
# is a keyed hash of the address, so the table holds no address either.
def _throttle_key(wave: Wave, address: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    mac = hmac.new(key, f"code-guess:{address}".encode(), hashlib.sha256).hexdigest()[:40]
    return f"staffcode:{wave.id}:{mac}"


def is_throttled(wave: Wave, address: str) -> bool:
    since = utcnow() - timedelta(minutes=THROTTLE_MINUTES)
    failures = db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.key == _throttle_key(wave, address), LoginAttempt.at >= since))
    return failures >= MAX_FAILURES


def record_failure(wave: Wave, address: str) -> None:
    key = _throttle_key(wave, address)
    since = utcnow() - timedelta(minutes=THROTTLE_MINUTES)
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.key == key,
                                                  LoginAttempt.at < since))
    db.session.add(LoginAttempt(key=key))
    db.session.commit()

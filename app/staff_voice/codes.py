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
from sqlalchemy import func, insert, select, update

from app.extensions import db
from app.models.staff_voice import AccessCode, Wave
from app.throttle import Policy, Rule, Throttle, Wait

# No 0/O, 1/I/L: codes are typed from paper, often on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_LEN = 3, 4
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


# Guessing is slowed by app/throttle.py, in the sign-in throttle's table, which every worker
# shares; a client is a keyed hash of its address, so the table holds no address. The code space
# (31 ** 12, about 8 * 10 ** 17) makes guessing hopeless even at a guess a second, so the waits
# can stay short for a shared kiosk where people mistype: 10 wrong codes cost nothing, then each
# doubles the wait up to a minute (a guesser gets ~60 an hour). Per wave, every client that has
# failed on it is held back by the wave's count too, so guessers spread over many addresses
# share one slow lane while a kiosk with no failures is never caught. Success clears nothing:
# a code can be entered again until it is spent, so clearing would let a code's holder reset
# the count at will. Failures are counted only; nothing records when a code worked.
MAX_WAIT_SECONDS = 60
CLIENT_RULE = Rule(free=10, max_wait=MAX_WAIT_SECONDS)
WAVE_RULE = Rule(free=100, max_wait=MAX_WAIT_SECONDS)
GUESSING = Policy("code-guess", timedelta(hours=1), client=CLIENT_RULE, scope=WAVE_RULE,
                  device=CLIENT_RULE)


def _throttle(wave: Wave, address: str) -> Throttle:
    return Throttle(GUESSING, f"wave:{wave.id}", address)


def wait(wave: Wave, address: str) -> Wait:
    """How long this client must wait before a code it enters for the wave is checked."""
    return _throttle(wave, address).wait()


def record_failure(wave: Wave, address: str) -> None:
    _throttle(wave, address).record_failure()
    db.session.commit()

"""A wave's short address, /s/K7QF-2M: six characters to type from a card or poster, leading to
the wave's long public link (/staff/<token>/), which stays the link itself.

The long token exists so that waves cannot be enumerated; six characters from 31 make about
8.9 * 10 ** 8 addresses, so guessing is slowed instead (docs/security.md): a well-formed address
that is no wave's counts as a miss in app/throttle.py, and while a client waits nothing it types
is looked up, so a hit cannot be told from a miss during the wait.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models.staff_voice import Wave
from app.staff_voice.codes import ALPHABET
from app.throttle import Policy, Rule, Throttle, Wait

LENGTH = 6
DASH_AFTER = 4  # K7QF-2M: two groups are easier to read out and copy than six in a row


def shown(short: str) -> str:
    """How the address is printed and linked: K7QF-2M."""
    return f"{short[:DASH_AFTER]}-{short[DASH_AFTER:]}"


def normalise(typed: str) -> str | None:
    """The stored form of what was typed (any case, with or without the dash or spaces), or
    None when it cannot be any wave's address. The alphabet has no 0, 1, O, I or L at all, so
    there is no lookalike to read as another character."""
    short = "".join(ch for ch in (typed or "")[:40].upper() if ch not in "- ")
    if len(short) != LENGTH or not set(short) <= set(ALPHABET):
        return None
    return short


def new_short() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def unused_short() -> str:
    """A short address no wave has yet. (Two launches picking the same one at the same moment
    would meet the unique index: at these odds, not worth a retry loop around the insert.)"""
    while True:
        short = new_short()
        if db.session.scalar(select(Wave.id).where(Wave.short_code == short)) is None:
            return short


def by_short(short: str) -> Wave | None:
    """The wave with this (normalised) short address."""
    return db.session.scalar(select(Wave).where(Wave.short_code == short))


# Misses are kept in the sign-in throttle's table, which every worker shares; a client is a
# keyed hash of its address. A whole trust's staff may reach the app from one address, so a
# client has 20 free misses an hour, then each doubles the wait up to a minute (~80 guesses an
# hour; with a thousand waves, a guess finds one at odds of about 1 in 900,000). Misses from every
# client together form one slow lane for the clients that have missed (a guesser spread over many
# addresses), which never holds back a phone that has not missed. A hit clears nothing.
MAX_WAIT_SECONDS = 60
CLIENT_RULE = Rule(free=20, max_wait=MAX_WAIT_SECONDS)
ALL_CLIENTS_RULE = Rule(free=200, max_wait=MAX_WAIT_SECONDS)
GUESSING = Policy("short-address", timedelta(hours=1), client=CLIENT_RULE,
                  scope=ALL_CLIENTS_RULE, device=CLIENT_RULE)


def _throttle(address: str) -> Throttle:
    return Throttle(GUESSING, "short:any", address)


def wait(address: str) -> Wait:
    """How long this client must wait before an address it types is looked up."""
    return _throttle(address).wait()


def record_miss(address: str) -> None:
    _throttle(address).record_failure()
    db.session.commit()

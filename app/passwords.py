"""The password policy (OWASP ASVS 5.0 V6.2), the one check wherever a password is set.

At least 12 characters and at most 256, anything typed counts (spaces, any script, no
composition rules: passphrases are welcome). Refused, each with a message saying why:
nothing or only spaces; the same short pattern repeated; a run like 123456789012 or abcdefghijkl;
and anything an attacker would guess early, judged by zxcvbn (an installed library, so nothing is
downloaded at run time): its 30,000 most common passwords from real breaches, English words,
names and keyboard rows, matched whatever the case, with look-alike symbols (p@ssw0rd),
repeats, sequences, dates and years, and the person's own name, email and this service's name.
A password is refused when zxcvbn estimates fewer than 10^8 guesses (its score below 3): such a
password is on the lists attackers try first, or a trivial variant of one; and when half of it
or more is the person's own name or email or the service's name (ASVS 6.2.11).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 256
# zxcvbn's own bound on the work per password: longer ones are judged by their start, which
# holds a guessable password's pattern, so a long strong one is never refused for it.
SCORED_LENGTH = 72
SAFE_SCORE = 3  # zxcvbn: 3 means at least 10^8 guesses
SERVICE_WORDS = ("nhs", "health", "wellbeing", "healthandwellbeing")

TRY = " Try 3 or more random words: spaces are allowed."
ENTER = "Enter a password"
ONLY_SPACES = "Password must contain something other than spaces." + TRY
TOO_SHORT = f"Password must be {MIN_LENGTH} characters or more." + TRY
TOO_LONG = f"Password must be {MAX_LENGTH} characters or fewer"
REPEATED = ("Password must not be a character or a short pattern repeated, "
            "like aaaaaaaaaaaa." + TRY)
SEQUENCE = ("Password must not be a sequence of letters or numbers, "
            "like abcdefghijkl or 123456789012." + TRY)
KEYBOARD = ("Password must not be keys next to each other on a keyboard, "
            "like qwertyuiop." + TRY)
PERSONAL = ("Password must not be based on your name, your email address or the name of "
            "this service." + TRY)
COMMON = ("Password is too common, or too close to a common password, word or name." + TRY)
DATE = "Password must not be mostly a date or a year." + TRY
GUESSABLE = "Password is too easy to guess." + TRY

# zxcvbn keeps the words of the current call in a module global: one call at a time.
_ZXCVBN_LOCK = threading.Lock()
_RUNS = (("0123456789", True), ("abcdefghijklmnopqrstuvwxyz", False))


class WeakPassword(ValueError):
    """A password the policy refuses; str() is the message to show."""


def problem(password: str | None, context: Iterable[str] = ()) -> str | None:
    """Why this password is refused (a sentence to show the person), or None if it is fine.
    `context` is the person's email address and name: passwords built from them are refused."""
    if not password:
        return ENTER
    if not password.strip():
        return ONLY_SPACES
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    if _is_run(password.lower()):
        return SEQUENCE
    return _guessable(password[:SCORED_LENGTH], context_words(context))


def require_acceptable(password: str, context: Iterable[str] = ()) -> None:
    message = problem(password, context)
    if message:
        raise WeakPassword(message)


def context_words(texts: Iterable[str | None]) -> list[str]:
    """The service's name and each text (an email, a name) whole and split into its words."""
    words = list(SERVICE_WORDS)
    for text in texts:
        if text:
            text = text.strip().lower()
            words.append(text)
            words += [w for w in re.split(r"[^\w]+|_", text) if len(w) >= 3]
    return words


def common_password_count() -> int:
    return len(FREQUENCY_LISTS["passwords"])


def _is_run(text: str) -> bool:
    """One step along the digits (round from 9 to 0) or the alphabet, up or down, throughout."""
    for alphabet, wraps in _RUNS:
        run = alphabet * (len(text) // len(alphabet) + 2) if wraps else alphabet
        if text in run or text in run[::-1]:
            return True
    return False


def _guessable(password: str, words: list[str]) -> str | None:
    with _ZXCVBN_LOCK:
        result = zxcvbn(password, user_inputs=words, max_length=SCORED_LENGTH)
    matches = [m for m in result["sequence"] if m["pattern"] != "bruteforce"]
    # The person's own words are what an attacker who knows them tries first, however many
    # guesses zxcvbn counts: refused when they make up half the password or more.
    own = sum(len(m["token"]) for m in matches if m.get("dictionary_name") == "user_inputs")
    if own and (own * 2 >= len(password) or result["score"] < SAFE_SCORE):
        return PERSONAL
    if result["score"] >= SAFE_SCORE:
        return None
    return _reason(matches)


def _reason(matches: list[dict]) -> str:
    """The message for the pattern covering the most of a guessable password."""
    if not matches:
        return GUESSABLE
    pattern = max(matches, key=lambda m: len(m["token"]))["pattern"]
    return {"dictionary": COMMON, "repeat": REPEATED, "sequence": SEQUENCE, "spatial": KEYBOARD,
            "date": DATE, "regex": DATE}.get(pattern, GUESSABLE)

"""Drafts held in the signed session cookie, for anonymous surveys (staff voice).

A server-side draft row outlives its deletion: its bytes (answers, a time to the microsecond,
the submission key also stored on the response) stay in SQLite's WAL and free pages and join
the answers to a moment. Held in the session, in-progress answers never reach the database;
the submission key exists only in the session (and on the check page) until the response
stores it.

Browsers drop a cookie larger than about 4 KB without a word, which here would lose every
answer. Flask compresses the session (zlib, then base64), so a few thousand characters of
ordinary writing fit, but text in some scripts (Chinese, emoji) compresses poorly: so a draft
that would make the cookie too large is refused before the session changes, and the page says
how short the written answers must be (`room`). docs/staff_voice.md gives the figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import current_app, session
from flask_login import current_user
from werkzeug.http import dump_cookie

from app.runner.drafts import Draft, DraftTooLarge, new_submission_key

# The whole Set-Cookie value may be 4093 bytes (the size Werkzeug warns at, which the strictest
# browsers keep to); about 190 bytes stay free for what a later request may add to the session.
COOKIE_LIMIT = 3900


def cookie_size(contents: dict) -> int:
    """The Set-Cookie header value Flask would send for a session holding `contents`."""
    app = current_app
    iface = app.session_interface
    value = iface.get_signing_serializer(app).dumps(contents)
    return len(dump_cookie(
        iface.get_cookie_name(app), value, expires=iface.get_expiration_time(app, session),
        path=iface.get_cookie_path(app), domain=iface.get_cookie_domain(app),
        secure=iface.get_cookie_secure(app), httponly=iface.get_cookie_httponly(app),
        samesite=iface.get_cookie_samesite(app), max_size=0))


class SessionDrafts:
    """This browser's answers under session[name], for one `scope` (a wave): answers kept for
    another scope are not this one's."""

    resumable = False

    def __init__(self, name: str, scope: object):
        self.name, self.scope = name, scope

    def current(self) -> Draft | None:
        entry = session.get(self.name)
        if not isinstance(entry, dict) or entry.get("scope") != self.scope:
            return None
        return Draft(dict(entry.get("answers") or {}), str(entry.get("key") or ""))

    def _entry(self, answers: dict) -> dict:
        draft = self.current()
        key = draft.submission_key if draft and draft.submission_key else new_submission_key()
        return {"scope": self.scope, "key": key, "answers": answers}

    def _with(self, entry: dict) -> dict:
        """The session as it will be sent with this entry. Flask-Login's session protection
        marks the session (`_fresh`) the first time a request loads the user, which may come
        after the draft is measured (when the page is drawn, or not at all on a redirect): load
        it now, so the room a page offers is the room the next request finds."""
        current_user._get_current_object()
        return {**session, self.name: entry}

    def fits(self, answers: dict) -> bool:
        return cookie_size(self._with(self._entry(answers))) <= COOKIE_LIMIT

    def save(self, answers: dict) -> Draft:
        """Keep the answers in the session; DraftTooLarge, with the session unchanged, if the
        cookie would be too large for browsers to keep."""
        entry = self._entry(answers)
        if cookie_size(self._with(entry)) > COOKIE_LIMIT:
            raise DraftTooLarge(self.name)
        session[self.name] = entry
        return Draft(answers, entry["key"])

    def discard(self, draft: Draft) -> None:
        """Nothing in the database to delete: the caller forgets the session's copy."""

    def forget(self) -> None:
        session.pop(self.name, None)


def room(fits: Callable[[dict], bool], answers: dict, keys: Iterable[str]) -> int | None:
    """The most characters (in tens, so the page asks for a round figure) that each written
    answer under `keys` may keep so that `fits` holds: longer ones are cut to it, shorter ones
    stay as they are. None if even ten do not fit: the room is taken by other pages' answers."""
    texts = {k: answers[k] for k in keys if isinstance(answers.get(k), str) and answers[k]}
    rest = {k: v for k, v in answers.items() if k not in texts}

    def fits_in(tens: int) -> bool:
        return fits({**rest, **{k: v[:tens * 10] for k, v in texts.items()}})

    if not texts or not fits_in(1):
        return None
    low, high = 1, max(len(v) for v in texts.values()) // 10 + 1  # fits_in(low) holds
    while high - low > 1:  # about 7 tries for 1,000 characters
        middle = (low + high) // 2
        low, high = (middle, high) if fits_in(middle) else (low, middle)
    return low * 10

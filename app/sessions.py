"""How long a signed-in session lives, and what its cookie is called.

Two clocks end a session: SESSION_MINUTES (30) without a request, and SESSION_MAX_HOURS (12)
after signing in however busy it was (ASVS 7.3.2), so a session kept alive on a shared computer
does not last for ever. Both are kept on the server. A signed-in session's cookie lives until
the second clock runs out, so a form sent after the idle clock ran out still says who sent it:
it is kept (app/kept_forms.py) and offered back after sign-in instead of being lost.

Signed-out sessions (respondents: the draft's link and the CSRF token) have the idle clock too,
except for what comes from a page they were shown: a form sent from it, or a link followed on it
(Back, Change: the browser says `Sec-Fetch-Site: same-origin`, which no page script can set). That
is taken however long the page was open (up to SESSION_MAX_HOURS), since whoever uses it holds the
page and its answers already (R6: a survey left open 8 hours still submits). A visit from
anywhere else (a link in an email, a typed address, a bookmark, a browser that does not say)
after SESSION_MINUTES idle starts afresh, so on a shared device the next person does not walk
into someone else's answers.

Flask reads a signed cookie only while its signature is younger than the idle limit, which would
end every session at the idle limit whatever these clocks say: the cookie is read up to
SESSION_MAX_HOURS old and the clocks here decide."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from app import kept_forms, signing
from app.extensions import db
from app.models import User, record

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
SEEN_STEP = 60  # seconds: how finely a respondent's last use is noted
ENDED = "You have been signed out because you signed in more than {hours} hours ago. Sign in again."
IDLE = ("You have been signed out because you had not used the service for {minutes} minutes. "
        "Sign in again.")
KEPT = (" What you sent last was not saved, but it has been kept: sign in to check it and "
        "send it again.")


def start(user) -> None:
    """A fresh session for someone who has just proved who they are: nothing carried over
    from before sign-in (session fixation) but a kept form's token, and both clocks start."""
    kept = session.get(kept_forms.SESSION_KEY)
    session.clear()
    login_user(user)
    session.permanent = True
    session[SIGNED_IN_AT] = session[SEEN_AT] = int(time.time())
    if kept:
        session[kept_forms.SESSION_KEY] = kept


def end() -> None:
    """Forget the session in this browser (see end_everywhere for ending it on the server)."""
    logout_user()
    session.clear()


def end_everywhere(user: User) -> None:
    """Every session this person has, on any device or in any copied cookie, stops working at
    its next request: the session keeps "id:version" and load_user (app/auth.py) accepts only
    the stored version. One number per person, checked on the user lookup every request makes
    anyway: nothing more to store or clean up, and the cost is that signing out on one device
    signs that person out on all of them, which is what the security rules ask."""
    user.session_version = User.session_version + 1  # in SQL, so two at once both count


# What a person may reach: a change to any of these ends their sessions, wherever it is made
# (an admin page, the command line, the demo), so no place can forget to.
ACCESS_ATTRIBUTES = ("role", "active", "organisation_id", "organisation", "system_id", "system",
                     "password_hash")


@event.listens_for(OrmSession, "before_flush")
def _end_sessions_when_access_changes(db_session, _context, _instances) -> None:
    for obj in db_session.dirty:
        if not isinstance(obj, User):
            continue
        state = inspect(obj)
        if state.attrs.session_version.history.has_changes():
            continue  # already ended (set_password, sign-out)
        if any(state.attrs[name].history.has_changes() for name in ACCESS_ATTRIBUTES):
            end_everywhere(obj)


def _host_prefixed(app: Flask) -> None:
    """A Secure cookie for the whole site takes the __Host- prefix: browsers then accept it
    only over HTTPS, for path /, with no Domain, so a sibling subdomain cannot plant or
    overwrite it. Local development (plain HTTP) keeps the bare name."""
    cfg = app.config
    whole_site = (not cfg.get("SESSION_COOKIE_DOMAIN")
                  and cfg.get("SESSION_COOKIE_PATH") in (None, "/")
                  and cfg.get("APPLICATION_ROOT", "/") == "/")
    name = cfg["SESSION_COOKIE_NAME"]
    if cfg.get("SESSION_COOKIE_SECURE") and whole_site and not name.startswith("__Host-"):
        cfg["SESSION_COOKIE_NAME"] = "__Host-" + name


class _SessionInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app):
        """Flask's serializer, made once per secret key rather than twice a request
        (app/signing.py)."""
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)  # current last
        return signing.serializer(keys, self.salt, self.serializer, self.key_derivation)

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        try:
            return self.session_class(serializer.loads(
                value, max_age=app.config["SESSION_MAX_HOURS"] * 3600))
        except BadSignature:
            return self.session_class()

    def get_expiration_time(self, app, session):
        if session.permanent and "_user_id" in session and SIGNED_IN_AT in session:
            hours = app.config["SESSION_MAX_HOURS"]
            return datetime.fromtimestamp(session[SIGNED_IN_AT] + hours * 3600, UTC)
        return super().get_expiration_time(app, session)


def _timed_out(now: float) -> tuple[str, dict] | None:
    """(message, audit detail) if this signed-in session has run out of either clock."""
    hours = current_app.config["SESSION_MAX_HOURS"]
    signed_in = session.get(SIGNED_IN_AT, 0)
    if now - signed_in > hours * 3600:
        return ENDED.format(hours=hours), {"hours": hours}
    minutes = _idle_minutes()
    if now - session.get(SEEN_AT, signed_in) > minutes * 60:
        return IDLE.format(minutes=minutes), {"idle_minutes": minutes}
    return None


def _idle_minutes() -> int:
    return int(current_app.permanent_session_lifetime.total_seconds() // 60)


def _from_our_page() -> bool:
    """A form sent (CSRF proves it came from our page) or a link followed on one of our pages."""
    return request.method == "POST" or request.headers.get("Sec-Fetch-Site") == "same-origin"


def _respondent_idle(now: float) -> None:
    """A signed-out session idle too long starts afresh, unless this request comes from a page
    it was shown (see the module's docstring); a kept form's token survives."""
    seen = session.get(SEEN_AT)
    if seen is None or now - seen <= _idle_minutes() * 60 or _from_our_page():
        return
    kept = session.get(kept_forms.SESSION_KEY)
    session.clear()
    if kept:
        session[kept_forms.SESSION_KEY] = kept


def init_app(app: Flask) -> None:
    _host_prefixed(app)
    app.session_interface = _SessionInterface()

    @app.before_request
    def end_timed_out_sessions():
        if "_user_id" not in session:
            _respondent_idle(time.time())
            return None
        now = time.time()
        timed_out = _timed_out(now)
        if timed_out is None:
            session[SEEN_AT] = int(now)
            return None
        message, detail = timed_out
        kept = None
        if current_user.is_authenticated:  # audited like a sign-out
            kept = kept_forms.keep(current_user.id)
            record("session_expired", current_user.email, kept_form=kept is not None, **detail)
            db.session.commit()
        end()
        if kept:
            session[kept_forms.SESSION_KEY] = kept
        flash(message + (KEPT if kept else ""))
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("auth.sign_in", next=target))

    @app.after_request
    def stamp_respondent_sessions(response):
        # A respondent's session (anything stored: a draft's link, a CSRF token) notes when it
        # was last used; a session with nothing in it stays without a cookie. To the minute
        # (SEEN_STEP): a page viewed within a minute of the last stamp writes no new cookie, so
        # reading a page writes nothing, and the idle limit is kept within a minute.
        if session and "_user_id" not in session:
            now = int(time.time())
            if now - session.get(SEEN_AT, 0) >= SEEN_STEP:
                session[SEEN_AT] = now
        return response

"""A draft is measured against the session as it will be sent (app/runner/session_drafts.py):
the room a page offers for written answers is the room the next request finds."""

from __future__ import annotations

from flask import session
from flask_login import current_user

from app.runner.session_drafts import SessionDrafts, cookie_size


def test_what_the_request_adds_after_saving_is_measured_with_the_draft(app):
    with app.test_request_context("/staff/x/questions/about_you", method="POST"):
        session["seen_at"] = 1_796_000_000  # a respondent's session, not yet seen by flask-login
        drafts = SessionDrafts("answers", 1)
        drafts.save({"what_would_help": "More rest space"})
        measured = cookie_size(dict(session))
        assert current_user.is_authenticated is False  # drawing the page loads the user
        assert cookie_size(dict(session)) == measured

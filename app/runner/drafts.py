"""Drafts: answers on their way to a response, kept between pages by a draft store.

The runner works with any store (see `Draft` and `ServerDrafts`). Consultations use
`ServerDrafts`: a row on the server, found again by a resume code on another day or device
without an email address; the session only remembers which draft belongs to this browser.
Anonymous staff-voice surveys use `app.runner.session_drafts.SessionDrafts`: the answers never
reach the database until they are sent.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from flask import session
from sqlalchemy import delete, select

from app.extensions import db
from app.models import SurveyDraft
from app.models.base import utcnow
from app.write_queue import queued_write

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
KEEP_DAYS = 60


@dataclass
class Draft:
    answers: dict
    submission_key: str  # a double click or a retry of the final send stores one response
    code: str | None = None  # the resume code, for stores that can resume


class DraftTooLarge(ValueError):
    """The store cannot keep these answers (a session-held draft has a size limit)."""


class DraftStore(Protocol):
    resumable: bool

    def current(self) -> Draft | None: ...

    def save(self, answers: dict) -> Draft: ...

    def discard(self, draft: Draft) -> None: ...

    def forget(self) -> None: ...


def new_code(groups: int = 3) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(groups))


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def normalise_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))[:20]


def _draft(row: SurveyDraft | None) -> Draft | None:
    if row is None:
        return None
    return Draft(json.loads(row.answers), row.submission_key, row.code)


class ServerDrafts:
    """Drafts kept in `survey_drafts`, with save and resume (consultations)."""

    resumable = True

    def __init__(self, survey_id: str):
        self.survey_id = survey_id
        self._session_key = f"draft:{survey_id}"

    def _row(self, code: str) -> SurveyDraft | None:
        row = db.session.scalar(select(SurveyDraft).where(
            SurveyDraft.code == code, SurveyDraft.survey_id == self.survey_id))
        if row is None or row.updated_at < utcnow() - timedelta(days=KEEP_DAYS):
            return None
        return row

    def current(self) -> Draft | None:
        code = session.get(self._session_key)
        return _draft(self._row(code)) if code else None

    def find(self, code: str) -> Draft | None:
        return _draft(self._row(code))

    def adopt(self, draft: Draft) -> None:
        session[self._session_key] = draft.code

    def forget(self) -> None:
        session.pop(self._session_key, None)

    def save(self, answers: dict) -> Draft:
        """Store the answers in this browser's draft, starting one if needed (commits).

        Every page a respondent sends writes here, so under a peak these writes queue for the
        database like submissions do (app/write_queue.py).
        """
        with queued_write():
            code = session.get(self._session_key)
            row = self._row(code) if code else None
            if row is None:
                row = SurveyDraft(code=new_code(), survey_id=self.survey_id,
                                  submission_key=new_submission_key())
                db.session.add(row)
            row.answers = json.dumps(answers, sort_keys=True)
            row.updated_at = utcnow()
            draft = Draft(answers, row.submission_key, row.code)
            db.session.commit()
        self.adopt(draft)
        return draft

    def discard(self, draft: Draft) -> None:
        """Delete the draft in the transaction that stores its response."""
        db.session.execute(delete(SurveyDraft).where(SurveyDraft.code == draft.code))

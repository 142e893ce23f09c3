"""Drafts: answers kept on the server between pages, found again by a resume code.

The session only remembers which draft belongs to this browser; the code brings it back on
another day or device, without an email address.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from flask import session
from sqlalchemy import select

from app.extensions import db
from app.models import SurveyDraft
from app.models.base import utcnow
from app.write_queue import queued_write

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
KEEP_DAYS = 60


def new_code(groups: int = 3) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(groups))


def normalise_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))[:20]


def _key(survey_id: str) -> str:
    return f"draft:{survey_id}"


def current(survey_id: str) -> SurveyDraft | None:
    code = session.get(_key(survey_id))
    return find(survey_id, code) if code else None


def find(survey_id: str, code: str) -> SurveyDraft | None:
    draft = db.session.scalar(select(SurveyDraft).where(
        SurveyDraft.code == code, SurveyDraft.survey_id == survey_id))
    if draft is None or draft.updated_at < utcnow() - timedelta(days=KEEP_DAYS):
        return None
    return draft


def adopt(draft: SurveyDraft) -> None:
    session[_key(draft.survey_id)] = draft.code


def forget(survey_id: str) -> None:
    session.pop(_key(survey_id), None)


def answers_of(draft: SurveyDraft | None) -> dict:
    return json.loads(draft.answers) if draft else {}


def save(survey_id: str, answers: dict) -> SurveyDraft:
    """Store the answers in this browser's draft, starting one if needed (commits).

    Every page a respondent sends writes here, so under a peak these writes queue for the
    database like submissions do (app/write_queue.py).
    """
    with queued_write():
        draft = current(survey_id)
        if draft is None:
            draft = SurveyDraft(code=new_code(), survey_id=survey_id,
                                submission_key=secrets.token_urlsafe(24))
            db.session.add(draft)
        draft.answers = json.dumps(answers, sort_keys=True)
        draft.updated_at = utcnow()
        db.session.commit()
    adopt(draft)
    return draft

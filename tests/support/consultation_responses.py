"""Consultation responses built directly (no pages), with the publication, redaction and time
a test needs: for the admins' responses list and the exports."""

from __future__ import annotations

from datetime import datetime

from app.consultations import store_consultation_response
from app.extensions import db
from app.models import ConsultationResponse, Redaction


def add_response(survey, n: int, text: str, *, type_=None, consent=None, published=False,
                 redactions=0) -> ConsultationResponse:
    """Response number n, sent on 1 + n March 2020, its "what was missing" answer `text`; each
    redaction hides the next word of it, for the reason "Names someone" (then "Reason 2", ...).
    Call in an app context; the caller commits."""
    answers = {"used_framework": "no", "used_diagnostic": "no", "what_was_missing": text}
    if type_:
        answers["respondent_type"] = type_
    if consent:
        answers["publish_consent"] = consent
    reference = store_consultation_response(survey, answers, key=f"built-{survey.id}-{n}")
    row = db.session.query(ConsultationResponse).filter_by(reference=reference).one()
    row.submitted_at = datetime(2020, 3, 1 + n, 12)
    row.published_at = datetime(2020, 4, 1) if published else None
    for i in range(redactions):
        db.session.add(Redaction(response_id=row.response_id, question_id="what_was_missing",
                                 passage=text.split()[i],
                                 reason="Names someone" if i == 0 else f"Reason {i + 1}",
                                 created_by="admin@example.nhs.uk"))
    return row

"""Storing a consultation response with the reference respondents quote."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from app import clock, webhooks
from app.definitions import snapshot_id_for
from app.extensions import db
from app.models import ConsultationResponse, Response
from app.models.base import utcnow
from app.runner.store import store_response
from app.surveys import Survey

REF_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(survey: Survey) -> str:
    """A reference respondents can quote, like HWB-7K3M-9Q2D."""
    prefix = "".join(w[0] for w in survey.id.split("_"))[:3].upper() or "REF"
    code = "".join(secrets.choice(REF_ALPHABET) for _ in range(8))
    return f"{prefix}-{code[:4]}-{code[4:]}"


def store_consultation_response(survey: Survey, answers: dict, key: str) -> str:
    """Store a response in the current (locked) transaction; returns its reference."""
    response_id = store_response(survey_id=survey.id, kind=survey.kind,
                                 snapshot_id=snapshot_id_for(survey), answers=answers, key=key,
                                 today=clock.today())
    name = answers.get("respondent_name")
    consent = answers.get("publish_consent")
    reference = new_reference(survey)
    db.session.add(ConsultationResponse(
        response_id=response_id, survey_id=survey.id, reference=reference,
        respondent_type=answers.get("respondent_type") if isinstance(
            answers.get("respondent_type"), str) else None,
        respondent_name=name if isinstance(name, str) else None,
        publish_consent=consent if isinstance(consent, str) else None))
    db.session.flush()
    # Who sent it and what it says stay here: receivers get the reference only.
    webhooks.emit("consultation.response_received",
                  {"consultation": survey.id, "reference": reference}, utcnow())
    return reference


def reference_for_key(key: str) -> str | None:
    return db.session.scalar(select(ConsultationResponse.reference)
                             .join(Response, Response.id == ConsultationResponse.response_id)
                             .where(Response.idempotency_key == key))

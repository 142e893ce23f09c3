"""The hub (forthcoming, open and closed consultations) and each consultation's own page."""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import select

from app import consultations as c
from app import i18n
from app.definitions import get_survey, surveys_of_kind
from app.extensions import db
from app.models import ConsultationResponse, ConsultationState
from app.publishing import published_excerpts
from app.views.consultations.blueprint import bp


def consultation_or_404(survey_id: str):
    """The consultation with this id, for the public and the admin pages alike."""
    survey = get_survey(survey_id, kind="consultation")
    if survey is None:
        abort(404)
    return survey


def public_consultation(survey_id: str):
    """The consultation in the page's language, where its definition has it."""
    return i18n.worded(consultation_or_404(survey_id))


@bp.get("/")
def hub():
    groups = {c.FORTHCOMING: [], c.OPEN: [], c.CLOSED: []}
    for survey in surveys_of_kind("consultation"):
        status = c.status_of(survey)
        groups[status.state].append((i18n.worded(survey, offer=False), status))
    groups[c.OPEN].sort(key=lambda pair: pair[1].closes or pair[1].opens)
    groups[c.FORTHCOMING].sort(key=lambda pair: pair[1].opens or pair[1].closes)
    groups[c.CLOSED].sort(key=lambda pair: pair[1].closes or pair[1].opens, reverse=True)
    return render_template("consultations/hub.html", groups=groups)


@bp.get("/<survey_id>/")
def consultation(survey_id: str):
    survey = public_consultation(survey_id)
    state = db.session.get(ConsultationState, survey.id)
    status = c.status_of(survey, state)
    summary = state.published_summary if state is not None else None
    published = []
    if status.state == c.CLOSED:
        rows = db.session.scalars(
            select(ConsultationResponse)
            .where(ConsultationResponse.survey_id == survey.id,
                   ConsultationResponse.published_at.is_not(None))
            .order_by(ConsultationResponse.submitted_at)).all()
        published = published_excerpts(survey, rows)
    return render_template("consultations/consultation.html", survey=survey, status=status,
                           summary=summary, published=published)

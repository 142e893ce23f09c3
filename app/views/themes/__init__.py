"""Theme workbenches (app/views/themes/workbench.py) on two bodies of text: a consultation's
free-text question (admins) and an ICS's gaps and actions (admins and that ICS's leads)."""

from __future__ import annotations

from flask import Blueprint, abort, url_for

from app.analysis.theming import corpora
from app.views.access import guard
from app.views.consultations.hub import consultation_or_404
from app.views.ics.helpers import system_or_404
from app.views.themes.workbench import Place, register

consultation_bp = guard(Blueprint(
    "consultation_themes", __name__,
    url_prefix="/admin/consultations/<survey_id>/themes/<question_id>"), {"admin"})
ics_bp = guard(Blueprint("ics_themes", __name__, url_prefix="/ics/<code>/themes/analysis"),
               {"admin", "ics_lead"})


def _consultation(survey_id: str, question_id: str) -> Place:
    survey = consultation_or_404(survey_id)
    question = next((q for q in corpora.free_text_questions(survey) if q.id == question_id),
                    None)
    if question is None:
        abort(404)
    return Place(corpora.consultation(survey, question),
                 (url_for("admin_consultations.themes", survey_id=survey.id),
                  "Back to the questions"),
                 {"survey_id": survey.id, "question_id": question.id})


def _ics(code: str) -> Place:
    system = system_or_404(code)
    return Place(corpora.ics_texts(system), (url_for("ics.themes", code=system.code),
                                             "Back to themes"), {"code": system.code})


register(consultation_bp, _consultation)
register(ics_bp, _ics)

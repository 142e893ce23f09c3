"""The API's addresses. Each docstring's YAML after `---` is its OpenAPI description
(app/views/api/openapi.py reads them). Figures come from the same functions as the pages."""

from __future__ import annotations

from flask import abort, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import definitions, permissions
from app.analysis.theming import signed_off
from app.consultations import get_state, status_of
from app.definitions import get_survey, surveys_of_kind
from app.diagnostic import cycles, progress, signoff
from app.extensions import db
from app.models import Assessment, ConsultationResponse, Organisation
from app.publishing import published_excerpts
from app.views.api import output
from app.views.api.blueprint import allowed, bp, user


def _consultation(survey_id: str):
    survey = get_survey(survey_id, kind="consultation")
    if survey is None:
        abort(404, "No consultation has this id")
    return survey


def _summary(survey) -> dict:
    status = status_of(survey)
    return {"id": survey.id, "title": survey.title, "state": str(status.state),
            "opens": status.opens, "closes": status.closes}


@bp.get("/me")
def me():
    """The token's owner.
    ---
    get:
      summary: Who this token acts as
      responses:
        200: {description: "email, name, role, organisation and system codes"}
        401: {description: No valid token}
    """
    person = user()
    return output.document({
        "email": person.email, "name": person.name, "role": person.role,
        "organisation": person.organisation.code if person.organisation else None,
        "system": person.system.code if person.system else None})


@bp.get("/consultations")
def consultations():
    """Every consultation, with its dates and state.
    ---
    get:
      summary: List consultations
      responses:
        200: {description: "Rows: id, title, state, opens, closes"}
    """
    rows = [_summary(s) for s in surveys_of_kind("consultation")]
    return output.table(rows, ["id", "title", "state", "opens", "closes"])


@bp.get("/consultations/<survey_id>")
def consultation(survey_id: str):
    """One consultation: dates, state, and "We asked, you said, we did" once published.
    ---
    get:
      summary: A consultation
      responses:
        200: {description: The consultation}
        404: {description: No such consultation}
    """
    survey = _consultation(survey_id)
    state = get_state(survey.id)
    data = _summary(survey)
    published = state.published_summary
    if published:
        data["we_asked_you_said_we_did"] = published._asdict()
    return output.document(data)


@bp.get("/consultations/<survey_id>/responses")
def consultation_responses(survey_id: str):
    """Published responses (their people consented, an admin published them, redactions
    applied), filtered by the day they were sent; with all=yes, every response (admins only;
    redactions applied, names only where people agreed to be named). Each row says whether
    passages were redacted and how many; admins also read each one's question and reason.
    ---
    get:
      summary: Published responses to a consultation
      parameters:
        - {name: since, in: query, schema: {type: string, format: date}}
        - {name: until, in: query, schema: {type: string, format: date}}
        - {name: all, in: query, schema: {type: string, enum: ["yes"]}}
      responses:
        200: {description: "Rows: reference, submitted_on, name, respondent_type, answers,
          redacted, redactions, and for admins redaction_reasons"}
        403: {description: all=yes from someone who is not an admin}
        422: {description: A filter is not valid}
    """
    survey = _consultation(survey_id)
    since, until = output.day("since"), output.day("until")
    everything = request.args.get("all") == "yes"
    admin = user().role == "admin"
    if everything and not admin:
        abort(403, "Only admins may read every response")
    query = select(ConsultationResponse).where(ConsultationResponse.survey_id == survey.id
                                               ).options(selectinload(
                                                   ConsultationResponse.redactions))
    if not everything:
        query = query.where(ConsultationResponse.published_at.is_not(None))
    rows = db.session.scalars(query.order_by(ConsultationResponse.submitted_at,
                                             ConsultationResponse.response_id)).all()
    rows = [r for r in rows if (since is None or r.submitted_at.date() >= since)
            and (until is None or r.submitted_at.date() <= until)]
    out = []
    for row, e in zip(rows, published_excerpts(survey, rows, keep_wordless=True), strict=True):
        if not e.answers and not everything:
            continue  # as on the public page: no words left to read (retention removed them)
        item = {"reference": e.reference, "submitted_on": row.submitted_at.date(),
                "name": e.name, "respondent_type": e.respondent_type,
                "answers": [f"{label}: {text}" for label, text in e.answers],
                "redacted": bool(row.redactions), "redactions": len(row.redactions)}
        if admin:  # a reason can say who was named: for admins only
            item["redaction_reasons"] = [f"{r.question_id}: {r.reason}" for r in row.redactions]
        out.append(item)
    columns = ["reference", "submitted_on", "name", "respondent_type", "answers", "redacted",
               "redactions"]
    return output.table(out, columns + ["redaction_reasons"] if admin else columns)


@bp.get("/consultations/<survey_id>/themes")
def consultation_themes(survey_id: str):
    """Signed-off themes of each free-text question: answers per theme, by respondent type.
    ---
    get:
      summary: Themes in a consultation's free-text answers
      responses:
        200: {description: "Rows: question, theme, answers, by_respondent_type"}
    """
    survey = _consultation(survey_id)
    rows = [{"question": q.id, "theme": c.theme.name, "answers": c.texts,
             "of": result.total, "by_respondent_type": [f"{g}: {n}" for g, n in
                                                        sorted(c.by_group.items())]}
            for q, result in signed_off.consultation_themes(survey) for c in result.themes]
    return output.table(rows, ["question", "theme", "answers", "of", "by_respondent_type"])


def _organisation(code: str) -> Organisation:
    return allowed(db.session.scalar(select(Organisation).where(
        Organisation.code == code.upper()[:20])), permissions.may_read_organisation)


def _assessment(assessment_id: int) -> Assessment:
    return allowed(db.session.get(Assessment, assessment_id), permissions.may_read_assessment)


@bp.get("/organisations/<code>/cycles")
def organisation_cycles(code: str):
    """An organisation's diagnostic cycles: progress and sign-off.
    ---
    get:
      summary: An organisation's diagnostic cycles
      responses:
        200:
          description: "Rows: id, cycle, mode, started, items, rated, elements, completed,
            sign_off"
        403: {description: Not this token's organisation}
        404: {description: No such organisation}
    """
    org = _organisation(code)
    rows = []
    for found in cycles.assessments_for(org):
        done = progress.overall(progress.element_progress(found))
        rows.append({"id": found.id, "cycle": found.cycle, "mode": found.mode,
                     "started": found.created_at.date(), **done,
                     "sign_off": signoff.sign_off_of(found).state})
    return output.table(rows, ["id", "cycle", "mode", "started", "items", "rated", "elements",
                               "completed", "sign_off"])


@bp.get("/cycles/<int:assessment_id>/ratings")
def cycle_ratings(assessment_id: int):
    """Every item's rating in a cycle.
    ---
    get:
      summary: A cycle's ratings
      responses:
        200: {description: "Rows: element, item, prompt, rating, rating_label"}
    """
    found = _assessment(assessment_id)
    survey = definitions.for_assessment(found)
    answers = found.answer_map()
    labels = {c.value: c.label for c in survey.rating_scale}
    rows = [{"element": e.id, "item": i.id, "prompt": i.prompt,
             "rating": answers[i.id].rating if i.id in answers else None,
             "rating_label": labels.get(answers[i.id].rating) if i.id in answers else None}
            for e in survey.elements for i in e.items()]
    return output.table(rows, ["element", "item", "prompt", "rating", "rating_label"])


@bp.get("/cycles/<int:assessment_id>/actions")
def cycle_actions(assessment_id: int):
    """A cycle's actions.
    ---
    get:
      summary: A cycle's actions
      responses:
        200: {description: "Rows: item, what, owner, due, status"}
    """
    found = _assessment(assessment_id)
    rows = [{"item": a.item_id, "what": a.what, "owner": a.owner, "due": a.due,
             "status": a.status} for a in found.actions]
    return output.table(rows, ["item", "what", "owner", "due", "status"])

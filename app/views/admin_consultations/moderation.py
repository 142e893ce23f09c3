"""Reading a response, redacting passages, publishing consented responses, and writing
"We asked, you said, we did" after the close."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import consultations as c
from app.analysis import consultation_listing as cl
from app.analysis.theming import corpora, signed_off, store
from app.extensions import db
from app.models import ConsultationResponse, ConsultationState, Redaction, record
from app.models.base import utcnow
from app.publishing import redact, respondent_type_label
from app.runner import answers_for
from app.surveys import answer_lines
from app.views.admin_consultations.blueprint import bp
from app.views.admin_consultations.forms import RedactForm, SummaryForm
from app.views.consultations.hub import consultation_or_404


def _response_or_404(survey, response_id: int) -> ConsultationResponse:
    row = db.session.get(ConsultationResponse, response_id)
    if row is None or row.survey_id != survey.id:
        abort(404)
    return row


def _show(survey, row, form=None, status=200):
    given = answers_for([row.response_id])[row.response_id]
    items = []
    for q in survey.questions():
        lines = answer_lines(q, given)
        if q.kind.is_published and isinstance(given.get(q.id), str):
            passages = [r.passage for r in row.redactions if r.question_id == q.id]
            lines = [redact(given[q.id], passages)]
        items.append((q, lines))
    free_text = [(q.id, q.label) for q, lines in items if q.kind.is_published and lines]
    form = form or RedactForm(formdata=None)
    statuses = cl.statuses_of(row, len(row.redactions), cl.text_removed_at(survey.id))
    return render_template("admin_consultations/response.html", survey=survey, row=row,
                           items=items, free_text=free_text, form=form,
                           statuses=[cl.STATUSES[s] for s in statuses],
                           type_label=respondent_type_label(survey, row.respondent_type)), status


@bp.get("/<survey_id>/responses/<int:response_id>")
def response(survey_id: str, response_id: int):
    survey = consultation_or_404(survey_id)
    return _show(survey, _response_or_404(survey, response_id))


@bp.post("/<survey_id>/responses/<int:response_id>/redact")
def redact_passage(survey_id: str, response_id: int):
    survey = consultation_or_404(survey_id)
    row = _response_or_404(survey, response_id)
    form = RedactForm()
    given = answers_for([row.response_id])[row.response_id]
    if form.validate():
        text = given.get(form.question_id.data)
        if not isinstance(text, str) or form.passage.data not in text:
            form.passage.errors = ["Enter words that appear exactly in that answer"]
        else:
            db.session.add(Redaction(response_id=row.response_id,
                                     question_id=form.question_id.data,
                                     passage=form.passage.data, reason=form.reason.data,
                                     created_by=current_user.email))
            record("consultation_response_redacted", row.reference, survey=survey.id,
                   question=form.question_id.data, reason=form.reason.data)
            db.session.commit()
            flash("The passage has been redacted.")
            return redirect(url_for(".response", survey_id=survey.id,
                                    response_id=row.response_id))
    return _show(survey, row, form, 422)


@bp.post("/<survey_id>/responses/<int:response_id>/publish")
def publish(survey_id: str, response_id: int):
    survey = consultation_or_404(survey_id)
    row = _response_or_404(survey, response_id)
    if request.form.get("action") == "unpublish":
        row.published_at, row.published_by = None, None
        record("consultation_response_unpublished", row.reference, survey=survey.id)
        flash("The response is no longer published.")
    elif not row.may_publish:
        flash("This respondent did not agree to publication, so it cannot be published.")
        return redirect(url_for(".response", survey_id=survey.id, response_id=row.response_id))
    else:
        row.published_at, row.published_by = utcnow(), current_user.email
        record("consultation_response_published", row.reference, survey=survey.id)
        flash("The response is published on the consultation page once the consultation closes.")
    db.session.commit()
    return redirect(url_for(".response", survey_id=survey.id, response_id=row.response_id))


def _publishable(form: SummaryForm, status, publishing: bool) -> bool:
    """A draft is kept whenever it is saved; publishing waits for the close and all three
    parts (each missing one said on its field)."""
    if not publishing:
        return True
    if status.state != c.CLOSED:
        form.form_errors.append("You can publish this only after the consultation closes. "
                                "Save it as a draft until then.")
        return False
    for name, message in SummaryForm.WANTED.items():
        if not form[name].data:
            form[name].errors = [message]
    return not form.errors


@bp.route("/<survey_id>/summary", methods=["GET", "POST"])
def summary(survey_id: str):
    survey = consultation_or_404(survey_id)
    state = c.get_state(survey.id)
    status = c.status_of(survey, state)
    form = SummaryForm(obj=state)
    publishing = request.form.get("action") == "publish"
    if form.validate_on_submit() and _publishable(form, status, publishing):
        form.populate_obj(state)
        if publishing:
            state.publish_summary(utcnow())
        record("consultation_summary_saved", survey.id, published=publishing)
        db.session.commit()
        flash("Published on the consultation page." if publishing else "Saved as a draft.")
        return redirect(url_for(".summary", survey_id=survey.id))
    code = 422 if form.errors else 200
    return render_template("admin_consultations/summary.html", survey=survey, form=form,
                           status=status, state=db.session.get(ConsultationState, survey.id),
                           themes=signed_off.consultation_themes(survey)), code


@bp.get("/<survey_id>/themes/")
def themes(survey_id: str):
    """The consultation's free-text questions, each with its theme analysis, if any."""
    survey = consultation_or_404(survey_id)
    questions = corpora.free_text_questions(survey)
    found = {q.id: store.find("consultation", f"{survey.id}/{q.id}") for q in questions}
    return render_template("admin_consultations/themes.html", survey=survey,
                           questions=questions, found=found)

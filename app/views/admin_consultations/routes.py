"""Consultation list, status controls, results with charts, exports and the PDF report."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, stream_with_context, url_for

from app import charts, clock
from app import consultations as c
from app.analysis import consultation as analysis
from app.definitions import surveys_of_kind
from app.exports.responses import csv_chunks, xlsx_bytes
from app.extensions import db
from app.read_replica import may_use_replica
from app.reports.consultation_pdf import consultation_pdf
from app.views.admin_consultations.blueprint import bp
from app.views.admin_consultations.forms import CloseForm, OpenForm, ScheduleForm
from app.views.consultations.hub import consultation_or_404


@bp.get("/")
def index():
    found = sorted(surveys_of_kind("consultation"), key=lambda s: s.id)
    counts = analysis.response_counts([s.id for s in found])
    rows = [(s, c.status_of(s), counts[s.id]) for s in found]
    return render_template("admin_consultations/index.html", rows=rows)


def _detail(survey, status_code=200, **forms):
    status = c.status_of(survey)
    total = analysis.total_responses(survey.id)
    figures = []
    for i, qc in enumerate(analysis.question_counts(survey)):
        labels, values = [x.label for x in qc.counts], [x.count for x in qc.counts]
        # No chart of noughts before anyone has answered: the line above it says so.
        figures.append((qc, charts.counts(qc.title, labels, values, f"chart-{i}")
                        if qc.answered else None))
    # "Open now" keeps the close date the consultation has unless the admin changes it.
    keeps = status.closes if status.closes and status.closes >= clock.today() else None
    forms.setdefault("open_form", OpenForm(formdata=None, data={"until": keeps}))
    forms.setdefault("close_form", CloseForm(formdata=None))
    forms.setdefault("schedule_form", ScheduleForm(formdata=None, data={
        "opens": status.opens, "closes": status.closes}))
    form = next((f for f in forms.values() if f.errors), forms["schedule_form"])
    return render_template("admin_consultations/detail.html", survey=survey, status=status,
                           total=total, by_type=analysis.by_respondent_type(survey),
                           charts=figures, form=form,
                           **forms), status_code


@bp.get("/<survey_id>/")
def detail(survey_id: str):
    return _detail(consultation_or_404(survey_id))


def _status_change(survey_id: str, form_class, change, done: str, refused_field: str,
                   refused: str = "Refused: {}"):
    """Validate the posted form, make the change, commit and go back to the consultation; a bad
    form, or a change the rules refuse, shows the page again with the message on its field."""
    survey = consultation_or_404(survey_id)
    form = form_class()
    if form.validate():
        try:
            change(survey, form)
        except c.ActionRefused as exc:
            db.session.rollback()
            form[refused_field].errors = [refused.format(exc)]
        else:
            db.session.commit()
            flash(done)
            return redirect(url_for(".detail", survey_id=survey.id))
    name = {OpenForm: "open_form", CloseForm: "close_form", ScheduleForm: "schedule_form"}
    return _detail(survey, 422, **{name[form_class]: form})


@bp.post("/<survey_id>/open")
def open_now(survey_id: str):
    return _status_change(survey_id, OpenForm,
                          lambda survey, form: c.open_now(survey, until=form.until.data,
                                                          reason=form.open_reason.data),
                          "The consultation is open.", "until")


@bp.post("/<survey_id>/close")
def close_now(survey_id: str):
    return _status_change(
        survey_id, CloseForm,
        lambda survey, form: c.close_now(survey, reason=form.reason.data),
        "The consultation is closed.", "reason")


@bp.post("/<survey_id>/schedule")
def schedule(survey_id: str):
    return _status_change(
        survey_id, ScheduleForm,
        lambda survey, form: c.reschedule(survey, form.opens.data, form.closes.data,
                                          reason=form.schedule_reason.data),
        "The consultation has been rescheduled.", "closes",
        "The close date must be on or after the open date ({})")


@bp.get("/<survey_id>/responses.csv")
@may_use_replica
def export_csv(survey_id: str):
    survey = consultation_or_404(survey_id)
    return Response(stream_with_context(csv_chunks(survey)), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{survey.id}-responses.csv"'})


@bp.get("/<survey_id>/responses.xlsx")
@may_use_replica
def export_xlsx(survey_id: str):
    survey = consultation_or_404(survey_id)
    data, _count = xlsx_bytes(survey)
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet", headers={
                        "Content-Disposition":
                            f'attachment; filename="{survey.id}-responses.xlsx"'})


@bp.get("/<survey_id>/report.pdf")
@may_use_replica
def report_pdf(survey_id: str):
    survey = consultation_or_404(survey_id)
    return Response(consultation_pdf(survey), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{survey.id}-summary.pdf"'})

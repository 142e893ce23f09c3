"""Downloads (PDF report, workbook) and the workbook upload."""

from __future__ import annotations

import re

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import CombinedMultiDict

from app import definitions
from app.diagnostic import workbook_import
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import record
from app.read_replica import may_use_replica
from app.reports import org_report
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(found, ext: str) -> str:
    cycle = re.sub(r"[^A-Za-z0-9]+", "-", found.cycle).strip("-")
    return f"diagnostic-{found.organisation.code}-{cycle}.{ext}"


def _download(body: bytes, mimetype: str, name: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/a/<int:assessment_id>/report.pdf")
@may_use_replica
def report(assessment_id: int):
    found = helpers.assessment(assessment_id)
    definitions.for_assessment(found)
    body = org_report.build(found)
    record("diagnostic_report_downloaded", found.organisation.code, cycle=found.cycle)
    db.session.commit()
    return _download(body, "application/pdf", file_name(found, "pdf"))


@bp.get("/a/<int:assessment_id>/workbook.xlsx")
@may_use_replica
def export(assessment_id: int):
    found = helpers.assessment(assessment_id)
    definitions.for_assessment(found)
    body = diagnostic_xlsx.to_bytes(found)
    record("diagnostic_exported", found.organisation.code, cycle=found.cycle, via="web")
    db.session.commit()
    return _download(body, XLSX, file_name(found, "xlsx"))


@bp.route("/a/<int:assessment_id>/import", methods=["GET", "POST"])
def import_workbook(assessment_id: int):
    found = helpers.assessment(assessment_id)
    definitions.for_assessment(found)
    helpers.require_manage(found.organisation)
    helpers.require_open(found)
    form = ImportForm(formdata=CombinedMultiDict((request.files, request.form))
                      if request.method == "POST" else None)
    problems: list[str] = []
    if request.method == "POST" and form.validate():
        try:
            parsed = workbook_import.parse(found, form.workbook.data.read(
                workbook_import.MAX_BYTES + 1))
        except workbook_import.WorkbookRefused as refused:
            problems = refused.errors
        else:
            applied = workbook_import.apply(found, parsed, current_user)
            record("diagnostic_imported", found.organisation.code, cycle=found.cycle,
                   via="web", items=len(applied.items), actions_added=applied.added,
                   actions_changed=applied.changed, actions_removed=applied.removed,
                   file=form.workbook.data.filename[:200])
            db.session.commit()
            flash(f"Imported the workbook: {applied.words()}.")
            return redirect(url_for("diagnostic.assessment", assessment_id=found.id))
    code = 422 if form.errors or problems else 200
    return render_template("diagnostic/import.html", form=form, assessment=found,
                           org=found.organisation, problems=problems), code

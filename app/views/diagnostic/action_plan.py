"""An organisation's action plan for a cycle: every action, overdue first, filtered, and the same
list as CSV or XLSX."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_login import current_user

from app import clock, definitions, permissions
from app.diagnostic import action_plan
from app.exports import action_plan as action_plan_files
from app.extensions import db
from app.models import record
from app.models.diagnostic import ACTION_STATUSES
from app.read_replica import may_use_replica
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.files import XLSX, file_name


def _found(assessment_id: int):
    found = helpers.assessment(assessment_id)
    survey = definitions.for_assessment(found)
    filters = action_plan.Filters.from_args(request.args, {e.id for e in survey.elements})
    return found, survey, filters, action_plan.entries(found, survey, clock.today(), filters)


@bp.get("/a/<int:assessment_id>/actions")
def actions(assessment_id: int):
    found, survey, filters, entries = _found(assessment_id)
    return render_template(
        "diagnostic/actions.html", assessment=found, org=found.organisation, survey=survey,
        entries=entries, filters=filters, statuses=ACTION_STATUSES,
        total=len(found.actions), overdue=sum(e.overdue for e in entries),
        can_edit={e.id for e in survey.elements
                  if permissions.may_edit_element(current_user, found.organisation, e.id)})


@bp.get("/a/<int:assessment_id>/actions.csv", defaults={"kind": "csv"})
@bp.get("/a/<int:assessment_id>/actions.xlsx", defaults={"kind": "xlsx"})
@may_use_replica
def actions_file(assessment_id: int, kind: str):
    found, _survey, filters, entries = _found(assessment_id)
    record("diagnostic_actions_downloaded", found.organisation.code, cycle=found.cycle,
           kind=kind, **filters.query())
    db.session.commit()
    name = file_name(found, kind).replace("diagnostic-", "actions-", 1)
    if kind == "csv":
        body, mimetype = action_plan_files.to_csv(entries).encode("utf-8-sig"), "text/csv"
    else:
        title = f"Action plan: {found.organisation.name}, {found.cycle}"
        body, mimetype = action_plan_files.to_xlsx(entries, title), XLSX
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})

"""The staged plan: an ICS lead sets when each element starts for every organisation in the ICS."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app import clock, definitions, permissions
from app.diagnostic import plan as staged
from app.extensions import db
from app.models import record
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import plan_form


@bp.route("/plan/<system_code>", methods=["GET", "POST"])
def plan(system_code: str):
    # Asked before the look-up, so an organisation's people learn nothing from the code.
    if not permissions.may_lead_systems(current_user):
        abort(403)
    system = helpers.system(system_code)
    if not permissions.may_edit_system(current_user, system):
        abort(403)
    survey = definitions.diagnostic()
    existing = staged.plan_for(system.id, survey.id)
    today = clock.today()
    starts = existing.starts() if existing else staged.default_starts(
        survey, date(today.year, today.month, 1))
    dues = {**staged.default_dues(starts), **(existing.dues() if existing else {})}
    data = {f"el_{e.id}": starts.get(e.id) for e in survey.elements}
    data |= {f"due_{e.id}": dues.get(e.id) for e in survey.elements}
    data["out_of_order"] = existing.out_of_order if existing else "warn"
    form = plan_form(survey.elements, data=data)
    if form.validate_on_submit():
        chosen = {e.id: form[f"el_{e.id}"].data for e in survey.elements}
        due = {e.id: form[f"due_{e.id}"].data for e in survey.elements}
        due = {**staged.default_dues(chosen), **{k: v for k, v in due.items() if v}}
        staged.save_plan(system, survey.id, chosen, due, form.out_of_order.data)
        record("diagnostic_plan_saved", system.code, definition=survey.id,
               starts={k: v.isoformat() for k, v in chosen.items()},
               dues={k: v.isoformat() for k, v in due.items()},
               out_of_order=form.out_of_order.data)
        db.session.commit()
        flash(f"Saved the staged plan for {system.name}.")
        return redirect(url_for("diagnostic.index"))
    return render_template("diagnostic/plan.html", form=form, system=system, survey=survey,
                           existing=existing), helpers.status(form)

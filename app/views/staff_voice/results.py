"""Results pages: an organisation's wave, and a system's latest waves. Every figure comes from
app.analysis, suppressed; this module only lays it out."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from app.analysis.results import system_results, wave_results
from app.definitions import get_survey
from app.extensions import db
from app.models import Organisation, System
from app.staff_voice.charts import stacked_bars
from app.staff_voice.waves import survey_of, today
from app.views.staff_voice import bp
from app.views.staff_voice.access import can_read, wave_or_404


@bp.get("/waves/<int:wave_id>/results")
def wave_results_page(wave_id: int):
    wave = wave_or_404(wave_id)
    if not can_read(wave):
        abort(403)
    survey = survey_of(wave)
    results = wave_results(wave, survey, today())
    return render_template("staff_voice/results.html", results=results, wave=wave,
                           survey=survey, chart=stacked_bars)


@bp.get("/systems/<int:system_id>/results")
def system_results_page(system_id: int):
    system = db.session.get(System, system_id)
    if system is None:
        abort(404)
    if current_user.role != "admin" and not (
            current_user.role == "ics_lead" and current_user.scope_system_id == system.id):
        abort(403)
    survey = get_survey(request.args.get("survey", ""), kind="staff_voice")
    if survey is None:
        abort(404)
    org_ids = list(db.session.scalars(select(Organisation.id)
                                      .where(Organisation.system_id == system.id)))
    results = system_results(org_ids, survey, system.name, today())
    return render_template("staff_voice/results.html", results=results, wave=None,
                           survey=survey, system=system, chart=stacked_bars)

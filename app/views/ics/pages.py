"""The dashboard (heat map) and the compilation's sections. Figures come from app.analysis."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_login import current_user

from app import charts, clock, permissions
from app.analysis import ics, ics_actions, ics_plan, ics_voice
from app.analysis.ics_voice import evidence_table
from app.diagnostic.buddying import agreements as buddying_agreements
from app.models import ORG_TYPES
from app.read_replica import may_use_replica
from app.views.ics import helpers
from app.views.ics.blueprint import bp

SECTIONS = [("ics.dashboard", "Heat map"), ("ics.shared_gaps", "Shared gaps"),
            ("ics.consistency", "Consistency"), ("ics.evidence_gaps", "Evidence gaps"),
            ("ics.buddying", "Buddying"), ("ics.plan_progress", "Plan progress"),
            ("ics.actions", "Actions"),
            ("ics.themes", "Themes")]


@bp.get("/")
@may_use_replica
def index():
    systems = permissions.readable_systems(current_user)
    if current_user.role == "ics_lead" and systems:  # an ICS lead has one: go straight there
        return redirect(url_for("ics.dashboard", code=systems[0].code))
    return render_template("ics/index.html", systems=systems)


def _page(code: str, template: str, heading: str, build=None):
    system = helpers.system_or_404(code)
    comp, why, chosen = helpers.compilation(system)
    context = build(comp) if comp is not None and build else {}
    return render_template(
        template, system=system, comp=comp, why=why, chosen=chosen, heading=heading,
        args=helpers.args(chosen), cycles=ics.cycles_of(system), org_types=ORG_TYPES,
        sections=SECTIONS, **context)


@bp.get("/<code>/")
@may_use_replica
def dashboard(code: str):
    return _page(code, "ics/dashboard.html", "Heat map")


@bp.get("/<code>/shared-gaps")
@may_use_replica
def shared_gaps(code: str):
    return _page(code, "ics/shared_gaps.html", "Shared gaps", lambda c: {
        "elements": ics.shared_gaps(c), "items": ics.shared_item_gaps(c)})


@bp.get("/<code>/consistency")
@may_use_replica
def consistency(code: str):
    def build(c):
        spreads = ics.consistency(c)
        return {"spreads": spreads, "chart": charts.spread(spreads, c.scale)}
    return _page(code, "ics/consistency.html", "Consistency", build)


@bp.get("/<code>/evidence-gaps")
@may_use_replica
def evidence_gaps(code: str):
    def build(c):
        bands, rows = ics_voice.evidence_gaps(c)
        return {"bands": bands, "rows": rows, "counts": ics_voice.staff_voice_counts(c),
                "cells": evidence_table(bands, rows, c.elements),
                "gaps_note": ics_voice.GAPS_NOTE, "at_all": ics_voice.NO_EVIDENCE_AT_ALL}
    return _page(code, "ics/evidence_gaps.html", "Evidence gaps", build)


@bp.get("/<code>/buddying")
@may_use_replica
def buddying(code: str):
    return _page(code, "ics/buddying.html", "Buddying", lambda c: {
        "rows": ics.buddying(c), "agreed": buddying_agreements(c.system),
        "titles": {e.id: e.title for e in c.elements}, "today": clock.today()})


@bp.get("/<code>/plan-progress")
@may_use_replica
def plan_progress(code: str):
    def context(comp):
        rows = ics_plan.plan_progress(comp)
        return {"rows": rows, "overdue": ics_plan.overdue(comp, rows)}

    return _page(code, "ics/plan_progress.html", "Plan progress", context)


@bp.get("/<code>/actions")
@may_use_replica
def actions(code: str):
    return _page(code, "ics/actions.html", "Action tracker",
                 lambda c: {"rows": ics_actions.tracker(c)})

"""Submitting a cycle (a confirmation page first) and reopening it with a reason; the page a
locked cycle's edit pages show instead (app/diagnostic/signoff.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app import definitions
from app.diagnostic import progress, signoff
from app.extensions import db
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import ReopenForm, SubmitForm


@bp.route("/a/<int:assessment_id>/submit", methods=["GET", "POST"])
def submit(assessment_id: int):
    found = helpers.assessment(assessment_id)
    helpers.require_manage(found.organisation)
    if found.submitted_at is not None:
        return redirect(url_for(".assessment", assessment_id=found.id))
    rows = progress.element_progress(found, definitions.for_assessment(found))
    form = SubmitForm()
    if form.validate_on_submit():
        signoff.submit(found, current_user)
        db.session.commit()
        flash(f"Submitted {found.cycle}. Your ICS leads have been told.")
        return redirect(url_for(".assessment", assessment_id=found.id))
    return render_template("diagnostic/submit.html", assessment=found, org=found.organisation,
                           rows=rows, overall=progress.overall(rows), form=form)


@bp.route("/a/<int:assessment_id>/reopen", methods=["GET", "POST"])
def reopen(assessment_id: int):
    found = helpers.assessment(assessment_id)
    helpers.require_manage(found.organisation)
    if found.submitted_at is None:
        abort(404)
    form = ReopenForm()
    if form.validate_on_submit():
        signoff.reopen(found, current_user, form.reason.data.strip())
        db.session.commit()
        flash(f"Reopened {found.cycle}: it can be changed, and submitted again.")
        return redirect(url_for(".assessment", assessment_id=found.id))
    return render_template("diagnostic/reopen.html", assessment=found, org=found.organisation,
                           form=form), helpers.status(form)

"""Agreeing a buddy pair from the buddying page (app/diagnostic/buddying.py)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app import definitions
from app.diagnostic import buddying
from app.extensions import db
from app.models import Organisation
from app.views.ics import helpers
from app.views.ics.blueprint import bp
from app.views.ics.forms import agreement_form


@bp.route("/<code>/buddying/agree", methods=["GET", "POST"])
def agree_pair(code: str):
    system = helpers.system_or_404(code)
    survey = definitions.diagnostic()
    orgs = list(db.session.scalars(select(Organisation).where(
        Organisation.system_id == system.id).order_by(Organisation.name)))
    form = agreement_form(survey.elements, orgs)
    if form.validate_on_submit():
        by_id = {str(o.id): o for o in orgs}
        if form.learner.data not in by_id or form.buddy.data not in by_id:
            abort(400)
        buddying.agree(system, form.element.data, by_id[form.learner.data],
                       by_id[form.buddy.data], form.note.data or "", form.follow_up_on.data,
                       current_user)
        db.session.commit()
        flash("Recorded the agreed pair.")
        return redirect(url_for(".buddying", code=system.code) + "#agreed")
    return render_template("ics/buddy_agree.html", system=system, form=form), \
        422 if form.errors else 200

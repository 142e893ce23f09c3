"""An organisation lead invites a contributor by email and chooses their elements
(app/diagnostic/invitations.py); the invited person accepts at /invitation/<token> (auth)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app import definitions
from app.diagnostic import cycles, invitations
from app.extensions import db
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import invite_form


@bp.route("/org/<code>/invite", methods=["GET", "POST"])
def invite(code: str):
    org = helpers.organisation(code)
    helpers.require_manage(org)
    latest = cycles.latest(org)
    survey = definitions.diagnostic(latest.definition_id if latest else None)
    form = invite_form(survey.elements)
    if form.validate_on_submit():
        try:
            invitations.invite(org, form.email.data, form.name.data, form.elements.data or [],
                               current_user, {e.id: e.title for e in survey.elements})
        except invitations.InvitationRefused as refused:
            form.email.errors = [str(refused)]
        else:
            db.session.commit()
            flash(f"Invitation sent to {form.email.data}. The link in it works once, for "
                  f"{invitations.INVITE_DAYS} days.")
            return redirect(url_for(".assignments", code=org.code))
    return render_template("diagnostic/invite.html", form=form, org=org), helpers.status(form)

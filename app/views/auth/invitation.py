"""/invitation/<token>: an invited contributor chooses a password, and is signed in to their
organisation's diagnostic. A used, expired or unknown link gets a page saying what to do."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from app import sessions
from app.diagnostic import invitations
from app.extensions import db
from app.views.auth.blueprint import bp
from app.views.auth.forms import AcceptInvitationForm


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    invitation = invitations.find(token)
    if invitation is None:
        return render_template("auth/invitation_gone.html"), 410
    form = AcceptInvitationForm(invitation.email, invitation.name)
    if form.validate_on_submit():
        user = invitations.accept(invitation, form.new_password.data)
        db.session.commit()
        sessions.start(user)
        flash("Your account is set up. You are signed in.")
        return redirect(url_for("diagnostic.organisation", code=invitation.organisation.code))
    return render_template("auth/invitation.html", form=form, invitation=invitation), \
        422 if form.errors else 200

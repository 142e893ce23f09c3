"""An organisation lead invites a contributor by email and chooses their elements
(app/diagnostic/invitations.py); the invited person accepts at /invitation/<token> (auth)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.validators import DataRequired, Email, Length, Optional

from app import definitions
from app.diagnostic import cycles, invitations
from app.extensions import db
from app.forms.fields import CheckboxesField, EmailField, StringField
from app.views.diagnostic import helpers
from app.views.diagnostic.blueprint import bp
from app.views.diagnostic.forms import DiagnosticForm

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.nhs.uk"


def invite_form(survey_elements, **kwargs) -> DiagnosticForm:
    choices = [(e.id, e.title) for e in survey_elements]
    class InviteForm(DiagnosticForm):
        name = StringField("Full name", [DataRequired("Enter the person's name"),
                                         Length(max=200, message="Enter a shorter name")])
        email = EmailField("Email address", [
            DataRequired("Enter their email address"),
            Email(EMAIL_FORMAT, check_deliverability=False),
            Length(max=254, message="Enter a shorter email address")],
            filters=[lambda v: (v or "").strip().lower()])
        elements = CheckboxesField(
            "Which elements can they edit?", [Optional()],
            choices=choices,
            hint="You can change this later on the page for who can edit each element.")

    return InviteForm(**kwargs)


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

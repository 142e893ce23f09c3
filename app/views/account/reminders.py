"""Turning reminder emails on or off for yourself (app/mail/reminders.py reads User.reminders)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.extensions import db
from app.models import record
from app.views.account.blueprint import bp
from app.views.account.forms import RemindersForm


@bp.route("/reminders", methods=["GET", "POST"])
def reminders():
    user = current_user._get_current_object()
    form = RemindersForm(data={"reminders": "yes" if user.reminders else "no"})
    if form.validate_on_submit():
        user.reminders = form.reminders.data == "yes"
        record("reminders_changed", user.email, on=user.reminders)
        db.session.commit()
        flash("You will get reminder emails." if user.reminders
              else "You will not get reminder emails.")
        return redirect(url_for(".reminders"))
    return render_template("account/reminders.html", form=form), 422 if form.errors else 200

"""Changing your own password (ASVS 6.2.2, 6.2.3): the current password and the new one, which
the policy checks. Every other session of that person ends; this browser carries on."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app import sessions
from app.extensions import db
from app.forms.auth import ChangePasswordForm
from app.models import record
from app.views.account import bp

CHANGED = "Your password has been changed. You have been signed out on every other device."


@bp.route("/password", methods=["GET", "POST"])
def password():
    user = current_user._get_current_object()
    form = ChangePasswordForm(user)
    if form.validate_on_submit():
        user.set_password(form.new_password.data)
        record("password_changed", user.email)
        db.session.commit()
        sessions.start(user)  # a fresh session here, with the new session version
        flash(CHANGED)
        return redirect(url_for("public.home"))
    if form.current_password.errors and form.current_password.data:
        record("password_change_failed", user.email)  # a wrong current password
        db.session.commit()
    return render_template("account/password.html", form=form), 422 if form.errors else 200

"""Changing your own password (ASVS 6.2.2, 6.2.3): the current password and the new one, which
the policy checks. Every other session of that person ends; this browser carries on.

A wrong current password counts against the account like a wrong password at sign-in, in the
same throttle: someone holding a stolen session must not get unlimited guesses at the password
that would let them keep the account."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app import sessions
from app.auth import sign_in_throttle
from app.extensions import db
from app.models import record
from app.throttle import client_address, wait_message
from app.views.account.blueprint import bp
from app.views.account.forms import ChangePasswordForm

CHANGED = "Your password has been changed. You have been signed out on every other device."


@bp.route("/password", methods=["GET", "POST"])
def password():
    user = current_user._get_current_object()
    form = ChangePasswordForm(user)
    throttle = sign_in_throttle(user.email, client_address())
    wait = throttle.wait() if form.is_submitted() else None
    if wait:  # nothing is checked during a wait
        form.form_errors.append(f"{wait_message(wait.seconds)}, then try again: too many "
                                "attempts with a wrong current password.")
        record("password_change_throttled", user.email, seconds=wait.seconds)
        db.session.commit()
        return render_template("account/password.html", form=form), 429, {
            "Retry-After": str(wait.seconds)}
    if form.validate_on_submit():
        user.set_password(form.new_password.data)
        throttle.forget_own_failures()
        record("password_changed", user.email)
        db.session.commit()
        sessions.start(user)  # a fresh session here, with the new session version
        flash(CHANGED)
        return redirect(url_for("public.home"))
    if form.current_password.errors and form.current_password.data:
        throttle.record_failure()  # a wrong current password
        record("password_change_failed", user.email)
        db.session.commit()
    return render_template("account/password.html", form=form), 422 if form.errors else 200

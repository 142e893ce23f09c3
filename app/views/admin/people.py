"""Admin pages for user accounts."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app import sessions
from app.extensions import db
from app.models import Organisation, User, record
from app.views.admin.blueprint import bp
from app.views.admin.editing import edit_page, found_or_new, is_unique, save
from app.views.admin.forms import UserForm
from app.views.admin.routes import system_choices


@bp.get("/users")
def users():
    rows = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"], endpoint="user_new")
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int | None = None):
    user = found_or_new(User, user_id, active=True)
    form = UserForm(obj=user, data={
        "organisation_id": str(user.organisation_id or ""),
        "system_id": str(user.system_id or ""),
        "status": "active" if user.active else "deactivated",
    })
    form.organisation_id.choices = [
        (str(o.id), f"{o.name} ({o.code})")
        for o in db.session.scalars(select(Organisation).order_by(Organisation.name))]
    form.system_id.choices = system_choices()
    if form.validate_on_submit():
        if not is_unique(User, "email", form.email.data, user.id):
            form.email.errors.append("Another account already uses this email address")
        elif user.id == current_user.id and \
                (form.status.data, form.role.data) != ("active", "admin"):
            form.status.errors.append("You cannot deactivate your own account or remove your own "
                                      "admin role: ask another administrator")
        elif not user.id and not form.password.data:
            form.password.errors.append("Enter a password for the new account")
        else:
            # A change of password, role, organisation, ICS or status ends every session the
            # person had when it is stored (app/sessions.py).
            user.email, user.name, user.role = form.email.data, form.name.data, form.role.data
            org_id = form.organisation_id.data
            user.organisation_id = int(org_id) if org_id else None
            user.system_id = int(form.system_id.data) if form.system_id.data else None
            user.active = form.status.data == "active"
            if form.password.data:
                user.set_password(form.password.data)
                if user.id == current_user.id:  # an admin's own: stay signed in here
                    sessions.start(user)
            return save(user, "user_saved", user.email, user.email, url_for("admin.users"),
                        role=user.role, active=user.active, password_set=bool(form.password.data))
    return edit_page(form, "user", user, url_for("admin.users"), sign_out_url=url_for(
        "admin.user_sign_out", user_id=user.id) if user.id else None)


@bp.post("/users/<int:user_id>/sign-out")
def user_sign_out(user_id: int):
    """End every session of this person (ASVS 7.4.5), without changing anything else."""
    user = found_or_new(User, user_id)
    sessions.end_everywhere(user)
    record("sessions_ended", user.email)
    db.session.commit()
    flash(f"{user.email} has been signed out on every device.")
    return redirect(url_for("admin.users"))

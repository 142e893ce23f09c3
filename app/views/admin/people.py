"""Admin pages for user accounts."""

from __future__ import annotations

from flask import render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.forms.admin import UserForm
from app.models import Organisation, User
from app.views.admin import bp
from app.views.admin.editing import edit_page, found_or_new, is_unique, save
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
            was_active = bool(user.active)
            user.email, user.name, user.role = form.email.data, form.name.data, form.role.data
            org_id = form.organisation_id.data
            user.organisation_id = int(org_id) if org_id else None
            user.system_id = int(form.system_id.data) if form.system_id.data else None
            user.active = form.status.data == "active"
            if form.password.data:
                user.set_password(form.password.data)
            elif was_active and not user.active:
                user.session_version += 1  # ends their sessions at once
            return save(user, "user_saved", user.email, user.email, url_for("admin.users"),
                        role=user.role, active=user.active)
    return edit_page(form, "user", user, url_for("admin.users"))

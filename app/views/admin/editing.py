"""What the admin edit pages (ICSs, organisations, users) share: find the record or start a new
one, refuse a duplicate code or email on its field, save with an audit entry, and show the form
again with the errors."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template
from sqlalchemy import select

from app.extensions import db
from app.models import record


def found_or_new(model, record_id: int | None, **new):
    """The record with this id (404 if there is none), or a new one when no id is given."""
    obj = db.session.get(model, record_id) if record_id else model(**new)
    if obj is None:
        abort(404)
    return obj


def is_unique(model, column: str, value: str, current_id: int | None) -> bool:
    other = db.session.scalar(select(model).where(getattr(model, column) == value))
    return other is None or other.id == current_id


def save(obj, action: str, target: str, shown_as: str, back: str, **detail):
    """Store the edited record, audit it, and go back to the list."""
    db.session.add(obj)
    db.session.flush()
    record(action, target, **detail)
    db.session.commit()
    flash(f"Saved {shown_as}.")
    return redirect(back)


def edit_page(form, thing: str, obj, back: str, **extra):
    return render_template("admin/edit.html", form=form, thing=thing, obj=obj,
                           back=back, **extra), 422 if form.errors else 200

"""Looking up the objects a diagnostic URL names, with app.permissions applied: 404 when there
is none, then 403 when it is not this person's."""

from __future__ import annotations

from flask import abort, make_response, render_template
from flask_login import current_user
from sqlalchemy import select

from app import permissions
from app.extensions import db
from app.models import Assessment, Organisation, System
from app.views.access import allowed_or_abort


def organisation(code: str) -> Organisation:
    return allowed_or_abort(
        db.session.scalar(select(Organisation).where(Organisation.code == code.upper())),
        permissions.may_read_organisation)


def assessment(assessment_id: int) -> Assessment:
    return allowed_or_abort(db.session.get(Assessment, assessment_id),
                            permissions.may_read_assessment)


def element(survey, element_id: str):
    try:
        return survey.element(element_id)
    except KeyError:
        abort(404)


def item_and_element(survey, item_id: str):
    for el in survey.elements:
        for sub_area in el.sub_areas:
            for item in sub_area.items:
                if item.id == item_id:
                    return item, el
    abort(404)


def require_manage(org) -> None:
    if not permissions.may_edit_organisation(current_user, org):
        abort(403)


def require_open(assessment) -> None:
    """A submitted cycle's answers and discussions are locked until it is reopened: its edit
    pages answer 409 with a page that says so, and who can reopen it."""
    if assessment.submitted_at is not None:
        abort(make_response(render_template("diagnostic/submitted.html", assessment=assessment,
                                            org=assessment.organisation), 409))


def require_edit(org, element_id: str) -> None:
    if not permissions.may_edit_element(current_user, org, element_id):
        abort(403)


def system(code: str) -> System:
    found = db.session.scalar(select(System).where(System.code == code.upper()))
    if found is None:
        abort(404)
    return found


def status(form) -> int:
    """422 when a form is re-shown with errors."""
    return 422 if form.errors else 200

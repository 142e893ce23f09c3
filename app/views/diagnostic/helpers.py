"""Looking up the objects a diagnostic URL names, with app.permissions applied: 404 when there
is none, then 403 when it is not this person's."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app import permissions
from app.extensions import db
from app.models import Assessment, Organisation, System


def organisation(code: str) -> Organisation:
    org = db.session.scalar(select(Organisation).where(Organisation.code == code.upper()))
    if org is None:
        abort(404)
    if not permissions.may_read_organisation(current_user, org):
        abort(403)
    return org


def assessment(assessment_id: int) -> Assessment:
    found = db.session.get(Assessment, assessment_id)
    if found is None:
        abort(404)
    if not permissions.may_read_assessment(current_user, found):
        abort(403)
    return found


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

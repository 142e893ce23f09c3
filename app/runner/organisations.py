"""What a survey's organisation questions offer: the organisations in the database, only those
of the systems the questions name when each names one (a national list is thousands long)."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, System
from app.surveys import Survey

_WARNED: set[tuple[str, str]] = set()  # (survey, system) already logged by this process


def organisations_for(survey: Survey) -> list[tuple[str, str, str]]:
    """(code, name, system code) by name, for the runner (app/forms/survey.py picks each
    question's own). A system with no organisations in the database (an unknown code) leaves
    its questions only "My organisation is not listed": logged once, and warned about by
    `flask surveys check`."""
    systems = {spec.system for q in survey.questions() if q.kind.needs_organisations
               for spec in q.kind.fields(q) if spec.organisations}
    if not systems:
        return []
    query = (select(Organisation.code, Organisation.name, System.code)
             .join(Organisation.system).order_by(Organisation.name, Organisation.code))
    if None not in systems:
        query = query.where(System.code.in_(systems))
    found = [(code, name, system) for code, name, system in db.session.execute(query)]
    have = {system for _code, _name, system in found}
    for system in sorted(s for s in systems if s is not None and s not in have):
        if (survey.id, system) not in _WARNED:
            _WARNED.add((survey.id, system))
            current_app.logger.warning(
                "survey %s: system %s has no organisations in the database, so its "
                "organisation question offers only 'My organisation is not listed'",
                survey.id, system)
    return found

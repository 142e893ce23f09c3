"""Looking up the system (404, then 403 for another ICS's lead), the filters, the compilation."""

from __future__ import annotations

from flask import request
from sqlalchemy import select

from app import permissions
from app.analysis import ics
from app.extensions import db
from app.models import ORG_TYPES, System
from app.views.access import allowed_or_abort


def system_or_404(code: str) -> System:
    return allowed_or_abort(
        db.session.scalar(select(System).where(System.code == code.upper()[:20])),
        permissions.may_read_system)


def filters(system: System) -> dict[str, str]:
    """The cycle and organisation type asked for; anything unknown means "all"."""
    cycle = request.args.get("cycle", "")
    org_type = request.args.get("type", "")
    return {"cycle": cycle if cycle in ics.cycles_of(system) else ics.LATEST,
            "type": org_type if org_type in ORG_TYPES else ""}


def compilation(system: System) -> tuple[ics.Compilation | None, str, dict[str, str]]:
    """(compilation or None, why there is none, the filters used)."""
    chosen = filters(system)
    try:
        return ics.compile_system(system, chosen["cycle"], chosen["type"]), "", chosen
    except ics.NothingToCompile as nothing:
        return None, str(nothing), chosen


def args(chosen: dict[str, str]) -> dict[str, str]:
    """The filters as query arguments for links, leaving out the defaults."""
    return {k: v for k, v in chosen.items() if v}

"""An ICS's compilation as tables: one entry each (address, summary, columns, rows), so every
table is entered, checked and described the same way. The OpenAPI description is written from
the entry into the view's docstring, which app/views/api/openapi.py reads like any other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, request
from sqlalchemy import select

from app import permissions
from app.analysis import ics, ics_plan, ics_voice
from app.extensions import db
from app.models import System
from app.views.api import output
from app.views.api.blueprint import allowed, bp, user


def _codes(orgs) -> list[str]:
    return [o.code for o in orgs]


def _heat_map(comp: ics.Compilation) -> list[dict]:
    return [{"organisation": r.org.code, "element": e.id,
             "rating": c.rating.label if c.rating else None,
             "mean": round(c.mean, 3) if c.mean is not None else None, "rated": c.rated,
             "items": c.total, "completed": c.completed}
            for r in comp.assessed for e in comp.elements for c in [r.cells[e.id]]]


def _shared_gaps(comp: ics.Compilation) -> list[dict]:
    return [{"element": g.id, "title": g.title, "low": g.low, "rated": g.rated,
             "organisations": _codes(g.organisations)} for g in ics.shared_gaps(comp)]


def _plan_progress(comp: ics.Compilation) -> list[dict]:
    return [{"element": r.id, "starts_on": r.starts_on, "due_on": r.due_on,
             **{k: _codes(getattr(r, k)) for k in
                ("completed", "in_progress", "not_started", "overdue")}}
            for r in ics_plan.plan_progress(comp)]


def _evidence_gaps(comp: ics.Compilation) -> list[dict]:
    bands, rows = ics_voice.evidence_gaps(comp)
    return [{"organisation": r.org.code, "element": e.id, "band": b,
             "status": str(r.status[e.id][b])}
            for r in rows for e in comp.elements for b in bands]


def _buddying(comp: ics.Compilation) -> list[dict]:
    return [{"element": b.id, "strong": _codes(b.strong), "weak": _codes(b.weak),
             "pairs": [f"{w.code} with {s.code}" for w, s in b.pairs]}
            for b in ics.buddying(comp)]


@dataclass(frozen=True)
class Table:
    name: str  # the address under /ics/<code>/, and the endpoint api.ics_<name>
    summary: str
    about: str
    columns: tuple[str, ...]
    rows: Callable[[ics.Compilation], list[dict]]


TABLES = (
    Table("heat-map", "An ICS's heat map", "Each organisation's overall rating of each element.",
          ("organisation", "element", "rating", "mean", "rated", "items", "completed"),
          _heat_map),
    Table("shared-gaps", "An ICS's shared gaps",
          "Elements by how many organisations rate them low.",
          ("element", "title", "low", "rated", "organisations"), _shared_gaps),
    Table("plan-progress", "An ICS's plan progress",
          "The staged plan's dates and each organisation's place in it.",
          ("element", "starts_on", "due_on", "completed", "in_progress", "not_started",
           "overdue"), _plan_progress),
    Table("evidence-gaps", "An ICS's evidence gaps",
          "Per organisation, element and band: staff-voice evidence, or why there is none, as "
          "each organisation's own diagnostic says it.",
          ("organisation", "element", "band", "status"), _evidence_gaps),
    Table("buddying", "An ICS's buddying suggestions",
          "Per element, the organisations rating themselves strong and weak, and suggested "
          "pairs.", ("element", "strong", "weak", "pairs"), _buddying),
)


def _compilation(code: str) -> ics.Compilation:
    system = allowed(db.session.scalar(select(System).where(System.code == code.upper()[:20])),
                     permissions.may_read_system)
    if user().role not in ("admin", "ics_lead"):
        abort(403)
    try:
        return ics.compile_system(system, request.args.get("cycle", ics.LATEST)[:40])
    except ics.NothingToCompile as nothing:
        abort(404, str(nothing))


def _view(table: Table):
    def view(code: str):
        return output.table(table.rows(_compilation(code)), list(table.columns))

    view.__name__ = "ics_" + table.name.replace("-", "_")
    view.__doc__ = f"""{table.about}
    ---
    get:
      summary: {table.summary}
      parameters:
        - {{name: cycle, in: query, schema: {{type: string}}}}
      responses:
        200: {{description: "Rows: {', '.join(table.columns)}"}}
    """
    return view


for _table in TABLES:
    bp.add_url_rule(f"/ics/<code>/{_table.name}", view_func=_view(_table), methods=["GET"])

"""The ICS compilation as a SQLite dataset (sqlite-utils), ready to open in Datasette.

Tables: organisations, elements, element_ratings, ratings (item ratings with the offer and gaps
text), actions, evidence_gaps (each organisation, element and band without evidence, and why),
evidence_gap_counts (per element and band, in the words of every output), staff_voice_counts
(suppressed figures only: a hidden group has no number), themes and theme_organisations.
Foreign keys join them; ratings and actions have full-text search on their free text.

Datasette offers every table as CSV with one click, so text here follows the export rule
(app/exports/cells.py): a cell that a spreadsheet could run as a formula starts with an
apostrophe, as in the workbook. Numbers, dates and flags are stored as they are.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sqlite_utils

from app.analysis import ics, ics_voice, themes
from app.analysis.theming import signed_off
from app.exports import cells

ORG_FK = ("organisation_id", "organisations", "id")
ELEMENT_FK = ("element_id", "elements", "id")


def _answers(comp: ics.Compilation):
    where = {i.id: (e, i) for e in comp.elements for i in e.items()}
    labels = {c.value: c.label for c in comp.scale}
    for r in comp.assessed:
        for a in r.assessment.answers:
            if a.item_id in where:
                element, item = where[a.item_id]
                yield {"id": a.id, "organisation_id": r.org.id, "element_id": element.id,
                       "item_id": item.id, "item": item.prompt, "rating": a.rating,
                       "rating_label": labels.get(a.rating or ""), "offer": a.offer,
                       "gaps": a.gaps}
        for action in r.assessment.actions:
            if action.item_id in where:
                yield {"action": True, "id": action.id, "organisation_id": r.org.id,
                       "element_id": where[action.item_id][0].id, "item_id": action.item_id,
                       "what": action.what, "owner": action.owner,
                       "due": action.due.isoformat() if action.due else None,
                       "status": action.status_label}


def _table(db, name: str, columns: dict, rows: list[dict], pk="id", fks=()) -> None:
    """Create the table (even when there are no rows), then fill it with formula-safe text."""
    db[name].create(columns, pk=pk, foreign_keys=list(fks))
    if rows:
        db[name].insert_all([{k: cells.value(v) for k, v in row.items()} for row in rows])


def write(comp: ics.Compilation, path: Path) -> None:
    """Write the dataset to `path` (replaced if it exists)."""
    path.unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    _table(db, "organisations", {"id": int, "code": str, "name": str, "type": str, "cycle": str,
                                 "items_rated": int, "items": int}, [
        {"id": r.org.id, "code": r.org.code, "name": r.org.name, "type": r.org.type_label,
         "cycle": r.assessment.cycle if r.assessment else None,
         "items_rated": r.rated, "items": r.total} for r in comp.rows])
    _table(db, "elements", {"id": str, "title": str, "position": int},
           [{"id": e.id, "title": e.title, "position": n}
            for n, e in enumerate(comp.elements, start=1)])
    _table(db, "element_ratings", {"organisation_id": int, "element_id": str, "rating": str,
                                   "mean": float, "items_rated": int, "items": int,
                                   "discussed": bool}, [
        {"organisation_id": r.org.id, "element_id": e.id, "rating": c.word, "mean": c.mean,
         "items_rated": c.rated, "items": c.total, "discussed": c.completed}
        for r in comp.assessed for e in comp.elements for c in [r.cells[e.id]]],
        pk=("organisation_id", "element_id"), fks=[ORG_FK, ELEMENT_FK])
    rows = list(_answers(comp))
    _table(db, "ratings", {"id": int, "organisation_id": int, "element_id": str,
                           "item_id": str, "item": str, "rating": str, "rating_label": str,
                           "offer": str, "gaps": str},
           [r for r in rows if "action" not in r], fks=[ORG_FK, ELEMENT_FK])
    _table(db, "actions", {"id": int, "organisation_id": int, "element_id": str,
                           "item_id": str, "what": str, "owner": str, "due": str,
                           "status": str},
           [{k: v for k, v in r.items() if k != "action"} for r in rows if "action" in r],
           fks=[ORG_FK, ELEMENT_FK])
    bands, evidence = ics_voice.evidence_gaps(comp)
    _table(db, "evidence_gaps", {"organisation_id": int, "element_id": str, "band": str,
                                 "status": str, "reason": str}, [
        {"organisation_id": r.org.id, "element_id": e.id, "band": b, "status": s,
         "reason": s.reason}
        for r in evidence for e in comp.elements for b in bands
        for s in [r.status[e.id][b]] if s != ics_voice.EVIDENCE],
        pk=("organisation_id", "element_id", "band"), fks=[ORG_FK, ELEMENT_FK])
    cells = ics_voice.evidence_table(bands, evidence, comp.elements)
    _table(db, "evidence_gap_counts", {"element_id": str, "band": str, "organisations": int,
                                       "without_evidence": int, "no_survey": int,
                                       "not_shown": int, "headline": str}, [
        {"element_id": e.id, "band": b, "organisations": c.total, "without_evidence": c.count,
         "no_survey": len(c.without[ics_voice.NO_SURVEY]),
         "not_shown": len(c.without[ics_voice.NOT_SHOWN]), "headline": c.headline(b)}
        for e in comp.elements for b in bands for c in [cells[e.id][b]]],
        pk=("element_id", "band"), fks=[ELEMENT_FK])
    _table(db, "staff_voice_counts", {"id": int, "survey_id": str, "organisation_id": int,
                                      "scope": str, "wave": str, "band": str,
                                      "responses": int, "shown_as": str}, [
        {"id": n, "survey_id": c.survey_id, "organisation_id": c.org.id if c.org else None,
         "scope": c.scope, "wave": c.wave, "band": c.band,
         "responses": c.n, "shown_as": c.text}
        for n, c in enumerate(ics_voice.staff_voice_counts(comp), start=1)], fks=[ORG_FK])
    texts = themes.texts_of(comp)
    found = signed_off.ics_themes(comp, texts) + themes.tag_themes(comp.system, texts)
    _table(db, "themes", {"id": int, "kind": str, "name": str, "organisations": int,
                          "texts": int}, [
        {"id": n, "kind": t.kind_label.lower(),
         "name": t.name, "organisations": len(t.organisations), "texts": len(t.texts)}
        for n, t in enumerate(found, start=1)])
    _table(db, "theme_organisations", {"theme_id": int, "organisation_id": int}, [
        {"theme_id": n, "organisation_id": o.id}
        for n, t in enumerate(found, start=1) for o in t.organisations],
        pk=("theme_id", "organisation_id"), fks=[("theme_id", "themes", "id"), ORG_FK])
    db["ratings"].enable_fts(["item", "offer", "gaps"], create_triggers=True)
    db["actions"].enable_fts(["what", "owner"], create_triggers=True)
    db.close()


def to_bytes(comp: ics.Compilation) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ics.db"
        write(comp, path)
        return path.read_bytes()

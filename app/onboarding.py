"""Onboarding a real ICS from a CSV file: code,name,type,system_code,system_name."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.models import ORG_TYPES, Organisation, System, record

COLUMNS = ["code", "name", "type", "system_code", "system_name"]
CODE = re.compile(r"^[A-Z0-9]{2,12}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_FILE_BYTES = 10 * 1024 * 1024  # every organisation in England is well under 1 MB
# Accept the type keys and their labels, in any case, so a file typed by hand still imports.
TYPE_NAMES = {**{k: k for k in ORG_TYPES}, **{v.lower(): k for k, v in ORG_TYPES.items()},
              "gp": "gp_practice", "social care": "social_care", "nhs trust": "trust"}


@dataclass
class ImportResult:
    errors: list[str]
    created: int = 0
    updated: int = 0
    systems: int = 0


def import_organisations(text: str, actor=None) -> ImportResult:
    """Create or update systems and organisations. A file with any bad row imports nothing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return ImportResult([f"line 1: missing column(s) {', '.join(missing)}; "
                                 f"the first line must be {','.join(COLUMNS)}"])
        rows, errors = _checked_rows(reader)
    except csv.Error as exc:  # an unclosed quote, a field over the csv module's limit
        line = reader.reader.line_num  # the DictReader's own count is of whole rows read
        return ImportResult([f"line {line}: the row cannot be read as CSV ({exc}); "
                             "save the file again as CSV UTF-8"])
    if errors:
        return ImportResult(errors)
    if not rows:
        return ImportResult(["the file has no rows after the header"])
    return _store(rows, actor)


def _checked_rows(reader: csv.DictReader) -> tuple[list[dict], list[str]]:
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        clean = {k: (row.get(k) or "").strip() for k in COLUMNS}
        clean["code"], clean["system_code"] = clean["code"].upper(), clean["system_code"].upper()
        problems = []
        for key in ("code", "system_code"):
            if not CODE.match(clean[key]):
                problems.append(f"{key} '{clean[key]}' must be 2 to 12 capital letters or numbers")
        for key in ("name", "system_name"):
            if not clean[key]:
                problems.append(f"{key} is empty")
            elif len(clean[key]) > 200:
                problems.append(f"{key} is longer than 200 characters")
        problems += [f"{key} has a control character (such as a tab or NUL)"
                     for key in COLUMNS if CONTROL.search(clean[key])]
        org_type = TYPE_NAMES.get(clean["type"].lower())
        if org_type is None:
            problems.append(f"type '{clean['type']}' must be one of {', '.join(ORG_TYPES)}")
        if clean["code"] in seen:
            problems.append(f"code {clean['code']} is already on line {seen[clean['code']]}")
        seen.setdefault(clean["code"], line)
        if problems:
            errors.append(f"line {line}: " + "; ".join(problems))
        else:
            rows.append({**clean, "type": org_type})
    return rows, errors


def _store(rows: list[dict], actor) -> ImportResult:
    result = ImportResult([])
    systems = {s.code: s for s in db.session.scalars(select(System))}
    orgs = {o.code: o for o in db.session.scalars(select(Organisation))}
    for row in rows:
        system = systems.get(row["system_code"])
        if system is None:
            system = systems[row["system_code"]] = System(code=row["system_code"])
            db.session.add(system)
            result.systems += 1
        system.name = row["system_name"]
        org = orgs.get(row["code"])
        if org is None:
            org = orgs[row["code"]] = Organisation(code=row["code"])
            db.session.add(org)
            result.created += 1
        else:
            result.updated += 1
        org.name, org.type, org.system = row["name"], row["type"], system
    record("organisations_imported", f"{len(rows)} rows", actor=actor,
           created=result.created, updated=result.updated, systems_created=result.systems)
    db.session.commit()
    return result

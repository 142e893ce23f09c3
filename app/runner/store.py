"""Storing a response: one thin row, then every answer in one bulk insert."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, insert, select

from app.extensions import db
from app.models import Response, answers_table


def answer_rows(answers: dict) -> list[tuple[str, str]]:
    """(question key, value) pairs: a list answer gives one row per value."""
    rows = []
    for key, value in answers.items():
        for one in value if isinstance(value, list) else [value]:
            rows.append((key, str(one)))
    return rows


# Built once: a statement made per call costs more to build (and to key for the compiled cache)
# than to run, and every submission runs these.
_INSERT_RESPONSE = insert(Response.__table__).returning(Response.__table__.c.id)
_INSERT_ANSWERS = insert(answers_table)
_BY_KEY = select(Response).where(Response.idempotency_key == bindparam("key"))


def store_response(*, survey_id: str, kind: str, snapshot_id: int, answers: dict, key: str,
                   today: date, organisation_id: int | None = None,
                   wave_id: int | None = None) -> int:
    """Add a response and its answers to the current transaction; the caller commits."""
    conn = db.session.connection()  # Core statements: no need for the ORM's execute path
    response_id = conn.execute(_INSERT_RESPONSE, {
        "snapshot_id": snapshot_id, "survey_id": survey_id, "kind": kind, "submitted_on": today,
        "idempotency_key": key, "organisation_id": organisation_id, "wave_id": wave_id,
    }).scalar_one()
    rows = [{"response_id": response_id, "question_id": q, "value": v}
            for q, v in answer_rows(answers)]
    if rows:
        conn.execute(_INSERT_ANSWERS, rows)  # executemany
    return response_id


def response_for_key(key: str) -> Response | None:
    return db.session.scalar(_BY_KEY, {"key": key})


def answers_for(response_ids: list[int]) -> dict[int, dict]:
    """Stored answers back as {response_id: {key: value or [values]}} for display and export."""
    out: dict[int, dict] = {rid: {} for rid in response_ids}
    if not response_ids:
        return out
    rows = db.session.execute(
        select(answers_table.c.response_id, answers_table.c.question_id, answers_table.c.value)
        .where(answers_table.c.response_id.in_(response_ids))
        .order_by(answers_table.c.id))
    for rid, qid, value in rows:
        have = out[rid].get(qid)
        if have is None:
            out[rid][qid] = value
        else:
            out[rid][qid] = [*(have if isinstance(have, list) else [have]), value]
    return out

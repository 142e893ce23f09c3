"""Storing a response: one thin row, then every answer in one bulk insert.

Response ids date nothing anonymous. SQLite gives a new row max(id) + 1 and a PostgreSQL
sequence counts every insert, so with one counter an anonymous response's id would sit between
two consultation responses timed to the microsecond. So an anonymous (staff-voice) response
gets a random id from a range of its own, and consultation responses count up below it: from
their own largest id on SQLite (never max(id) + 1 over the whole table, which would be a random
id + 1 and show which anonymous row came last), from the table's sequence on PostgreSQL (which
random ids never touch).
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import Response, answers_table

# Anonymous ids are drawn from [2**40, 2**48): under 2**53 and 15 digits, so exact in
# JavaScript and in spreadsheets; the space is large enough that a clash is rare (one retries).
ANONYMOUS_LOW, ANONYMOUS_HIGH = 2**40, 2**48
_responses = Response.__table__


def answer_rows(answers: dict) -> list[tuple[str, int, str]]:
    """(question key, seq, value): a list answer gives one row per value, seq keeping order."""
    rows = []
    for key, value in answers.items():
        for seq, one in enumerate(value if isinstance(value, list) else [value]):
            rows.append((key, seq, str(one)))
    return rows


def anonymous_id() -> int:
    return ANONYMOUS_LOW + secrets.randbelow(ANONYMOUS_HIGH - ANONYMOUS_LOW)


# Built once per dialect: a statement made per call costs more to build (and to key for the
# compiled cache) than to run, and every submission runs these.
_INSERTS: dict = {}
_INSERT_ANSWERS = insert(answers_table)
_BY_KEY = select(Response).where(Response.idempotency_key == bindparam("key"))


def _statements(dialect: str):
    """(anonymous insert, counted insert) for the dialect, both returning the id."""
    if dialect not in _INSERTS:
        module = postgresql if dialect == "postgresql" else sqlite
        # A clash with an existing id inserts nothing and returns no row (then another id is
        # drawn); a clash on the idempotency key still raises, as a retry must.
        anonymous = module.insert(_responses).on_conflict_do_nothing(
            index_elements=["id"]).returning(_responses.c.id)
        counted = insert(_responses).returning(_responses.c.id)
        if dialect != "postgresql":
            below = select(func.coalesce(func.max(_responses.c.id), 0) + 1).where(
                _responses.c.id < ANONYMOUS_LOW).scalar_subquery()
            counted = insert(_responses).values(id=below).returning(_responses.c.id)
        _INSERTS[dialect] = (anonymous, counted)
    return _INSERTS[dialect]


def store_response(*, survey_id: str, kind: str, snapshot_id: int, answers: dict, key: str,
                   today: date, organisation_id: int | None = None,
                   wave_id: int | None = None) -> int:
    """Add a response and its answers to the current transaction; the caller commits.

    A response with a wave is an anonymous staff-voice one, and gets a random id."""
    conn = db.session.connection()  # Core statements: no need for the ORM's execute path
    anonymous, counted = _statements(conn.dialect.name)
    row = {"snapshot_id": snapshot_id, "survey_id": survey_id, "kind": kind,
           "submitted_on": today, "idempotency_key": key, "organisation_id": organisation_id,
           "wave_id": wave_id}
    if wave_id is None:
        response_id = conn.execute(counted, row).scalar_one()
    else:
        response_id = None
        while response_id is None:
            response_id = conn.execute(anonymous, {**row, "id": anonymous_id()}).scalar()
    rows = [{"response_id": response_id, "question_id": q, "seq": seq, "value": v}
            for q, seq, v in answer_rows(answers)]
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
    a = answers_table.c
    rows = db.session.execute(
        select(a.response_id, a.question_id, a.value).where(a.response_id.in_(response_ids))
        .order_by(a.response_id, a.question_id, a.seq))
    for rid, qid, value in rows:
        have = out[rid].get(qid)
        if have is None:
            out[rid][qid] = value
        else:
            out[rid][qid] = [*(have if isinstance(have, list) else [have]), value]
    return out

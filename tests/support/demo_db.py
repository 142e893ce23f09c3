"""The demo data (app/demo) for tests that browse it, seeded once per test process and day and
copied back after: seeding runs every wave's close and the system's audited release (about 30 s
on CI's two cores), and a dozen browser and crawl tests only read the result.

Tests of the seed itself (tests/demo/, `flask seed-demo` in tests/test_cli.py) run it for real.
"""

from __future__ import annotations

from sqlalchemy import Integer, func, select, text

from app import demo
from app.clock import today
from app.extensions import db
from tests.support.dbutil import empty_tables

_rows: dict[str, list[dict]] = {}  # table name -> its rows, as the seed left them
_made_on = None


def seed() -> None:
    """The database as demo.seed() leaves an empty one (the tables must be empty)."""
    global _made_on
    if _made_on != today():
        demo.seed()
        _rows.clear()
        for table in db.metadata.sorted_tables:
            _rows[table.name] = [dict(row._mapping) for row in db.session.execute(select(table))]
        _made_on = today()
        return
    empty_tables()
    for table in db.metadata.sorted_tables:  # parents first
        if _rows[table.name]:
            db.session.execute(table.insert(), _rows[table.name])
    if db.engine.dialect.name == "postgresql":
        _advance_sequences()
    db.session.commit()


def _advance_sequences() -> None:
    """Rows came in with their ids: each id sequence goes on after the largest it could have
    given (ids drawn at random, as anonymous responses' are, lie past its range)."""
    for table in db.metadata.sorted_tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        sequence = db.session.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                     {"t": table.name, "c": key[0].name})
        if sequence is None:
            continue
        limit = db.session.scalar(text(
            "SELECT max_value FROM pg_sequences WHERE format('%I.%I', schemaname, sequencename)"
            " = :s OR sequencename = :s"), {"s": sequence})
        # (consultation responses take ids from the sequence, staff-voice ones at random)
        largest = db.session.scalar(select(func.max(key[0])).where(key[0] <= limit))
        if largest is not None:
            db.session.execute(text("SELECT setval(:s, :n)"), {"s": sequence, "n": largest})

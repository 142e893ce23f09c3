"""The export's answers query reads in the order of the answers' key (response_id, question_id,
seq), so SQLite streams a million responses without sorting each one's answers (P5's speed
rests on it). The plan is SQLite's own, so it is checked on an SQLite schema built from the
models (which a migration test keeps equal to the migrated one) whichever database the suite
runs on."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import create_engine, text
from sqlalchemy.dialects import sqlite

from app.exports import responses as export
from app.extensions import db


def _plan(query) -> list[str]:
    engine = create_engine("sqlite://")
    db.metadata.create_all(engine)
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        return [row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]


def test_the_export_queries_need_no_sort_on_sqlite():
    heads, answers = export.queries(SimpleNamespace(id="framework_review_2026"))
    for query in (heads, answers):
        plan = _plan(query)
        assert not any("TEMP B-TREE" in step for step in plan), plan
    # The answers' key (response_id, question_id, seq): SQLite names it after the table.
    assert any("sqlite_autoindex_response_answers_1" in step or "PRIMARY KEY" in step
               for step in _plan(answers)), _plan(answers)

"""Anonymity by construction: the tables behind a staff-voice response cannot identify anyone."""

from sqlalchemy import DateTime, inspect, text

from app.extensions import db

RESPONSE_TABLES = ["responses", "response_answers", "staff_voice_counts",
                   "staff_voice_respondents", "staff_voice_access_codes"]
IDENTIFYING = ("ip", "address", "agent", "user", "email", "name", "session", "cookie", "device",
               "code_id", "access_code", "token", "_at", "time")


def test_response_tables_have_no_identifying_columns(app):
    inspector = inspect(db.engine)
    for table in RESPONSE_TABLES:
        for column in inspector.get_columns(table):
            name = column["name"].lower()
            assert not any(word in name for word in IDENTIFYING), f"{table}.{name}"
            # times only to the day: no date-time columns at all
            assert not isinstance(column["type"], DateTime), f"{table}.{name}"


def test_codes_and_responses_cannot_be_joined(app):
    inspector = inspect(db.engine)
    code_columns = {c["name"] for c in inspector.get_columns("staff_voice_access_codes")}
    assert code_columns == {"id", "wave_id", "code_hash", "spent"}
    for table in ("responses", "response_answers"):
        targets = {fk["referred_table"] for fk in inspector.get_foreign_keys(table)}
        assert "staff_voice_access_codes" not in targets
        assert not any("code" in c["name"] for c in inspector.get_columns(table))


def test_answers_have_no_id_and_responses_no_counter(app):
    """Nothing counts up beside an anonymous answer (migration 0012): answers are keyed by
    (response, question, seq), and on SQLite the table has no hidden rowid; responses' id is
    the rowid itself, given out by app/runner/store.py, with no AUTOINCREMENT counter."""
    inspector = inspect(db.engine)
    assert "id" not in {c["name"] for c in inspector.get_columns("response_answers")}
    key = inspector.get_pk_constraint("response_answers")["constrained_columns"]
    assert key == ["response_id", "question_id", "seq"]
    if db.engine.dialect.name == "sqlite":
        sql = dict(db.session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE name IN ('responses', 'response_answers')")
        ).all())
        assert "WITHOUT ROWID" in sql["response_answers"]
        assert "AUTOINCREMENT" not in sql["responses"]
        assert "id INTEGER NOT NULL" in sql["responses"]  # the rowid, not a second column

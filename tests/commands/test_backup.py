"""`flask db backup` makes a consistent copy while the app serves, and the copy restores."""

import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, func, select

from app.extensions import db
from app.models import AuditEvent, Organisation


@pytest.fixture
def sqlite_only(app, runner, tmp_path):
    """On PostgreSQL the command gives pg_dump advice instead; check that and stop the test there
    (not a skip: CI runs the suite on both databases and must not skip anything)."""
    if db.engine.url.get_backend_name() == "sqlite":
        return True
    result = runner.invoke(args=["db", "backup", str(tmp_path / "b.dump")])
    assert result.exit_code != 0 and "pg_dump" in result.output
    return False


def test_backup_while_writing_then_restore(app, runner, orgs, tmp_path, sqlite_only):
    if not sqlite_only:
        return
    stop = threading.Event()
    written = []

    def writer():
        engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        i = 0
        while not stop.is_set() and i < 500:
            with engine.begin() as conn:
                conn.execute(AuditEvent.__table__.insert().values(action="load", target=str(i)))
            written.append(i)
            i += 1
        engine.dispose()

    thread = threading.Thread(target=writer)
    thread.start()
    target = tmp_path / "backup.sqlite3"
    result = runner.invoke(args=["db", "backup", str(target)])
    stop.set()
    thread.join()
    assert result.exit_code == 0, result.output
    assert "integrity ok" in result.output
    assert written, "the writer ran during the backup"

    # Restore: the copy is a complete database that the app can use.
    restored = sqlite3.connect(target)
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codes = {r[0] for r in restored.execute("SELECT code FROM organisations")}
    assert codes == {"RA1", "RB2"}
    assert restored.execute("SELECT version_num FROM alembic_version").fetchone()
    restored.close()
    from app import create_app

    copy = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}", "TESTING": True})
    with copy.app_context():
        assert db.session.scalar(select(func.count()).select_from(Organisation)) == 2


def test_backup_refuses_to_overwrite(app, runner, tmp_path, sqlite_only):
    if not sqlite_only:
        return
    target = tmp_path / "exists.sqlite3"
    target.write_text("keep me")
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code != 0 and "already exists" in result.output
    assert target.read_text() == "keep me"


def test_backup_is_audited(app, runner, tmp_path, sqlite_only):
    if not sqlite_only:
        return
    runner.invoke(args=["db", "backup", str(tmp_path / "b.sqlite3")])
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "database_backup"))

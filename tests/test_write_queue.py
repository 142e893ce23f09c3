"""Storing transactions queue for the database's one writer (app/write_queue.py)."""

import threading

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, System
from app.write_queue import queued_write


def test_an_error_inside_rolls_back_and_the_next_writer_goes_on(app):
    with pytest.raises(ValueError), queued_write():
        db.session.add(System(code="QW1", name="Rolled back"))
        db.session.flush()
        raise ValueError("boom")
    with queued_write():
        db.session.add(System(code="QW2", name="Kept"))
        db.session.commit()
    db.session.expire_all()
    assert db.session.scalars(select(System.code).where(System.code.like("QW%"))).all() == ["QW2"]


def test_what_the_session_wrote_before_is_kept(app):
    db.session.add(System(code="QW3", name="Written before the block"))
    db.session.flush()
    with queued_write():
        db.session.rollback()  # the block gives up: what came before must not go with it
    db.session.expire_all()
    assert db.session.scalar(select(System).where(System.code == "QW3")) is not None


def test_concurrent_writers_take_turns_and_none_fails(app):
    """Each writer reads how many rows there are and writes the next number. Taking turns, the
    numbers are 0..N-1 with none repeated. On SQLite the busy timeout is set to 0, so a writer
    that did not wait in the queue would fail at once with "database is locked"; on PostgreSQL
    the block is an ordinary transaction and the writers lock a row, as the app's writers do."""
    sqlite = db.engine.dialect.name == "sqlite"
    db.session.add(System(code="QWL", name="lock row"))
    db.session.commit()
    writers, errors = 12, []
    start = threading.Barrier(writers)

    def write():
        with app.app_context():
            try:
                if sqlite:
                    db.session.connection().exec_driver_sql("PRAGMA busy_timeout=0")
                start.wait()
                with queued_write():
                    if not sqlite:
                        db.session.scalar(select(System.id).where(System.code == "QWL")
                                          .with_for_update())
                    n = db.session.scalar(select(func.count()).select_from(AuditEvent)
                                          .where(AuditEvent.action == "queue_test"))
                    threading.Event().wait(0.005)  # widen the window a racing writer would use
                    db.session.add(AuditEvent(action="queue_test", target=str(n)))
                    db.session.commit()
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(repr(exc))
            finally:
                if sqlite:
                    db.session.connection().exec_driver_sql("PRAGMA busy_timeout=10000")
                db.session.remove()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    targets = db.session.scalars(select(AuditEvent.target)
                                 .where(AuditEvent.action == "queue_test")).all()
    assert sorted(int(t) for t in targets) == list(range(writers))

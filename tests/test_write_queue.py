"""Storing transactions queue for the database's one writer (app/write_queue.py)."""

import itertools
import os
import threading

import pytest
from sqlalchemy import func, select

from app import extensions, write_queue
from app.extensions import db
from app.models import AuditEvent, System
from app.write_queue import queued_write

try:
    import fcntl
except ImportError:
    fcntl = None


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


def _queue_is_free() -> bool:
    """Whether another writer could take the queue's lock now."""
    fd = os.open(write_queue._lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_queued_writers_checkpoint_the_wal_after_their_response_with_the_queue_free(
        app, monkeypatch):
    """SQLite's own checkpoint runs inside a commit, which here holds the queue's lock and keeps
    every other writer waiting: the queued writers checkpoint after their response instead."""
    sqlite = db.engine.dialect.name == "sqlite"
    checkpoints, real = [], extensions.checkpoint

    def checkpoint(engine):
        done = real(engine)
        checkpoints.append({"queue_free": _queue_is_free() if fcntl else True, "result": done})
        return done

    monkeypatch.setattr(extensions, "checkpoint", checkpoint)
    monkeypatch.setattr(write_queue, "_writes", itertools.count(1))

    def write(n: str):
        with queued_write():
            db.session.add(AuditEvent(action="checkpoint_test", target=n))
            db.session.commit()
        return "stored"

    app.add_url_rule("/test/queued-write/<n>", view_func=write)
    client = app.test_client()
    for n in range(write_queue.CHECKPOINT_EVERY - 1):
        client.get(f"/test/queued-write/{n}").close()
    assert checkpoints == []
    response = client.get("/test/queued-write/last")
    assert response.text == "stored"
    assert checkpoints == []  # not while the response is being made and sent
    response.close()
    if not sqlite:  # PostgreSQL has no WAL to copy back; its row locks do the queue's work
        assert checkpoints == []
        return
    assert len(checkpoints) == 1
    busy, frames, copied = checkpoints[0]["result"]
    assert checkpoints[0]["queue_free"] and busy == 0 and frames == copied > 0
    with db.engine.connect() as conn:  # SQLite's own stays for every other writer
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000

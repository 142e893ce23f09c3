"""Storing transactions that queue for SQLite's one writer instead of polling for it.

SQLite lets one connection write at a time. Another waits in SQLite's busy handler, which sleeps
and polls (1, 2, 5, 10 … 100 ms), so under a burst of submissions the waiters mostly sleep
through the moment the lock comes free, and the slowest wait hundreds of milliseconds. Here a
writer first takes an exclusive lock on a file beside the database: the kernel queues the
processes (and threads) and wakes the next the moment the lock is released. `BEGIN IMMEDIATE`
then takes SQLite's write lock at once, so whatever the block reads (is the survey still open?)
is read under the lock the writes hold. Writers that do not queue here (commands, admin pages)
still meet the busy timeout, as before. A worker killed while holding the file lock loses it
with its open files, so a crash never leaves the queue stuck (and SQLite rolls back the
unfinished transaction itself).

SQLite copies the WAL back into the database (a checkpoint) when a commit leaves it over 1,000
pages. That runs inside the committing call, so here it would run with the queue's lock held and
every writer waiting behind it. So queued writers checkpoint themselves, every CHECKPOINT_EVERY
writes a process makes, once their response has gone and the lock is free, and keep the WAL
short of SQLite's own threshold, which stays for every other writer (commands, admin pages).

PostgreSQL needs none of this: its row locks (`FOR SHARE`, `FOR UPDATE`) do the job, and the
block is an ordinary transaction there.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

from flask import after_this_request, has_request_context
from sqlalchemy import Engine

from app import extensions, read_replica
from app.extensions import db

try:
    import fcntl
except ImportError:  # not on Windows: SQLite's busy timeout alone then queues writers
    fcntl = None

# A staff-voice submission adds about 12 pages to the WAL (1,225 frames for 100, measured): with
# four workers, a checkpoint about every 32 writes keeps it well under SQLite's 1,000 pages.
CHECKPOINT_EVERY = 8
_writes = itertools.count(1)


def _lock_path() -> str | None:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return os.path.abspath(url.database) + ".writelock"


@contextmanager
def queued_write() -> Iterator[None]:
    """Run the block as the only writer. The block commits or rolls back before it ends; an
    exception rolls back. Anything the session had written is committed first. The rest of
    the request reads the primary, which the block writes and reads under its locks."""
    read_replica.use_primary()
    if db.engine.dialect.name != "sqlite":
        db.session.commit()  # the block's locks start a fresh transaction
        try:
            yield
        except BaseException:
            db.session.rollback()
            raise
        return
    # pysqlite opens a transaction only for a write, so after reads alone there is none to end,
    # and committing the session would only expire every loaded object for nothing.
    if db.session.connection().connection.dbapi_connection.in_transaction:
        db.session.commit()
    path = _lock_path()
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600) if path and fcntl else None
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        db.session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        yield
    except BaseException:
        db.session.rollback()
        raise
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock for the next writer in the queue
    if next(_writes) % CHECKPOINT_EVERY == 0:
        _checkpoint_later(db.engine)


def _checkpoint_later(engine: Engine) -> None:
    """After the response has gone (no one waits for it then), or now outside a request."""
    if not has_request_context():
        extensions.checkpoint(engine)
        return

    @after_this_request
    def _when_sent(response):
        response.call_on_close(lambda: extensions.checkpoint(engine))
        return response

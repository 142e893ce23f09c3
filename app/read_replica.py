"""Reads that may be served by a read replica (DATABASE_READ_URL), and everything else by the
primary (DATABASE_URL).

A view says it only reads with `@may_use_replica` (a blueprint that only reads, the API, with
`serve_blueprint`). While such a view runs for a GET or HEAD, the database session reads from
the replica; nothing else ever does. The primary keeps, in every request:

- writes (a flush, an INSERT, UPDATE or DELETE, a `SELECT ... FOR UPDATE`), and every read after
  the view itself wrote or called `use_primary()` (app/write_queue.py does, so a release made
  while a results page is shown is made and then read on the primary);
- what runs before and after the view: signing in, the role checks, the API's token and rate
  limit, the audit of page views. So who someone is and what they may see is never read from a
  copy that is behind, and bookkeeping written around a view does not take its reads away;
- the reads of a browser that has just written. A POST that committed, by someone signed in,
  notes the time in their signed session, and for READ_YOUR_WRITES_SECONDS after it (10, longer
  than a streaming replica's lag) their reads stay on the primary, on whichever app server
  serves them. Nobody signed out gets the note: an anonymous respondent's session holds nothing
  new, and no cookie is set for it.

A replica that cannot be reached is logged and left alone for READ_REPLICA_RETRY_SECONDS (30),
meanwhile its reads go to the primary: a lost replica makes pages slower, never an error. Its
connections are read-only (PostgreSQL's default_transaction_read_only, SQLite's query_only),
so a write sent there by mistake fails loudly instead of going where nobody reads it.

Unset, nothing here runs: every request uses the primary as before.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass

from flask import Blueprint, Flask, current_app, has_request_context, request
from flask import session as browser_session
from flask_sqlalchemy.session import Session
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from app.config import replica_engine_options, whole_number

EXTENSION = "read_replica"
ROUTE = "hwb.read_route"  # in the request's WSGI environ: one request's choice
COMMITTED = "hwb.committed"
WROTE_AT = "wrote_at"  # in a signed-in session: when this browser last committed a write
SAFE_METHODS = frozenset({"GET", "HEAD"})


class Replica:
    """The replica's engine, and whether it answered lately (per process)."""

    def __init__(self, url: str, options: dict, window: int, retry: int):
        self.engine = create_engine(url, **options)
        self.window, self.retry = window, retry
        self.down_until = 0.0  # time.monotonic() before which it is not tried again
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_query_only)

    def reachable(self) -> bool:
        """Check out a connection (pinged, pool_pre_ping) and give it back; the request's
        session then takes it from the pool. On failure, the primary for `retry` seconds."""
        now = time.monotonic()
        if now < self.down_until:
            return False
        try:
            with self.engine.connect():
                pass
        except Exception as error:  # noqa: BLE001 - whatever the cause, read the primary
            self.down_until = now + self.retry
            current_app.logger.warning(
                "read replica cannot be reached, reading the primary for %d s: %s",
                self.retry, error)
            return False
        if self.down_until:
            current_app.logger.warning("read replica reachable again")
            self.down_until = 0.0
        return True


def _sqlite_query_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


@dataclass
class _Route:
    """One request's reads: the replica until the view writes, or the primary throughout."""

    replica: Replica
    in_view: bool = True
    decided: bool = False
    engine: Engine | None = None

    def for_read(self) -> Engine | None:
        if not self.decided:  # first read: only now is the replica tried (or a cookie read)
            self.decided = True
            if not _wrote_lately(self.replica.window) and self.replica.reachable():
                self.engine = self.replica.engine
        return self.engine

    def pin(self) -> None:
        self.decided, self.engine = True, None


def _wrote_lately(window: int) -> bool:
    if not window:  # 0: no holding back (the stamp is rounded up, so it would hold a second)
        return False
    wrote = browser_session.get(WROTE_AT)
    return isinstance(wrote, int) and time.time() < wrote + window


def _writes(clause) -> bool:
    return clause is not None and (getattr(clause, "is_dml", False)
                                   or getattr(clause, "_for_update_arg", None) is not None)


class RoutingSession(Session):
    """db.session: Flask-SQLAlchemy's session, reading from the replica where the request's
    route says so."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        route = request.environ.get(ROUTE) if bind is None and has_request_context() else None
        if route is not None:
            if self._flushing or _writes(clause):
                if route.in_view:  # the view reads what it wrote: the primary from now on
                    route.pin()
            elif (engine := route.for_read()) is not None:
                return engine
        return super().get_bind(mapper, clause=clause, bind=bind, **kwargs)


@event.listens_for(RoutingSession, "after_commit")
def _note_commit(_session) -> None:
    if has_request_context():
        request.environ[COMMITTED] = True


def use_primary() -> None:
    """The rest of this request reads the primary (before a write that reads under its locks
    or reads back what it wrote). Anywhere, any time: a no-op when nothing is routed."""
    if has_request_context() and (route := request.environ.get(ROUTE)) is not None:
        route.pin()


def may_use_replica(view):
    """Mark a view that only reads (a dashboard, an export): for a GET or HEAD its reads may
    be served by the replica. Writes it makes (an audit row) still go to the primary, and once
    it has written, its reads do too. Put it under the route decorator."""

    @functools.wraps(view)
    def reading(*args, **kwargs):
        replica = current_app.extensions.get(EXTENSION)
        if replica is None or request.method not in SAFE_METHODS:
            return view(*args, **kwargs)
        route = request.environ[ROUTE] = _Route(replica)
        try:
            return view(*args, **kwargs)
        finally:
            route.in_view = False  # a streamed body still reads the replica; hooks' writes
            # after this (the audit of the view) do not take that away

    reading.may_use_replica = True  # type: ignore[attr-defined]
    return reading


def serve_blueprint(bp: Blueprint) -> None:
    """Mark every view of a blueprint that only reads (call after its routes are added)."""

    def mark(state) -> None:
        views = state.app.view_functions
        for endpoint in [e for e in views if e.startswith(bp.name + ".")]:
            views[endpoint] = may_use_replica(views[endpoint])

    bp.record_once(mark)


def init_app(app: Flask) -> None:
    url = app.config.get("DATABASE_READ_URL")
    if not url:
        return
    app.extensions[EXTENSION] = Replica(url, replica_engine_options(url),
                                        whole_number(app.config, "READ_YOUR_WRITES_SECONDS"),
                                        whole_number(app.config, "READ_REPLICA_RETRY_SECONDS"))

    @app.after_request
    def remember_writes(response):
        if (request.method not in SAFE_METHODS and request.environ.get(COMMITTED)
                and "_user_id" in browser_session):
            browser_session[WROTE_AT] = math.ceil(time.time())  # ceil: never a second short
        return response

"""A read replica (DATABASE_READ_URL, app/read_replica.py): pages marked as only reading are
served from it, everything else, and whatever a browser reads just after it wrote, from the
primary; a replica that cannot be reached means the primary, never an error.

The "replica" here is a second database (a SQLite file, or a PostgreSQL database on the test
server) holding the same people and places as the primary but different words, so every page
says which one it read: the ICS is "Primary ICS" on one and "Replica ICS" on the other.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from datetime import datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app import create_app, read_replica
from app.definitions import get_survey
from app.diagnostic import cycles
from app.extensions import db
from app.models import AuditEvent, Organisation, Release, System, User, record
from tests.support import dbutil
from tests.support.clients import PASSWORD, IsolatedClient, signed_in_client, token_client
from tests.support.consultation_responses import add_response
from tests.support.staff_voice import closed_wave, fill_pages, open_wave, submit

WINDOW = 10  # READ_YOUR_WRITES_SECONDS' default
ADMIN = "admin@example.nhs.uk"


@pytest.fixture(scope="module")
def replica_url(tmp_path_factory):
    url, cleanup = dbutil.fresh_database(tmp_path_factory.mktemp("replica"))
    dbutil.migrate(url)
    yield url
    cleanup()


def _make_app(primary: str, **config):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": primary,
                      "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False,
                      "SECRET_KEY": "test-secret-key", **config})
    app.test_client_class = IsolatedClient
    return app


@contextmanager
def _database(url: str):
    """An app context on one database alone (no replica), to fill or read it."""
    app = _make_app(url)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _fill(url: str, label: str) -> None:
    """The same rows, with the same ids, in each database; only the words differ."""
    with _database(url):
        dbutil.empty_tables()
        system = System(code="QZ9", name=f"{label} ICS")
        org = Organisation(code="RA1", name="Trust A", type="trust", system=system)
        admin = User(email=ADMIN, name="Admin", role="admin", active=True, session_version=0)
        admin.set_password(PASSWORD)
        db.session.add_all([system, org, admin])
        db.session.commit()
        cycles.start(org, f"{label} cycle", "full")
        db.session.commit()


def _audited(url: str, action: str) -> int:
    with _database(url):
        return len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action))
                   .all())


def _names() -> str:
    return ", ".join(db.session.scalars(select(System.name)))


@read_replica.may_use_replica
def _marked():
    """A page that only reads, as the dashboards are."""
    return _names()


def _unmarked():
    return _names()


def _posted():
    record("probe_written", "QZ9")
    db.session.commit()
    return _names()


def _with_probes(app):
    app.add_url_rule("/probe/marked", view_func=_marked, methods=["GET", "POST"])
    app.add_url_rule("/probe/unmarked", view_func=_unmarked)
    app.add_url_rule("/probe/post", view_func=_posted, methods=["POST"])
    return app


@pytest.fixture
def both(database_url, replica_url):
    _fill(database_url, "Primary")
    _fill(replica_url, "Replica")
    app = _with_probes(_make_app(database_url, DATABASE_READ_URL=replica_url))
    yield app
    app.extensions[read_replica.EXTENSION].engine.dispose()


@pytest.fixture
def clock():
    with freeze_time(datetime.now()) as frozen:
        yield frozen


def test_a_page_that_only_reads_is_served_by_the_replica_and_others_by_the_primary(both):
    anonymous = both.test_client()
    assert anonymous.get("/probe/marked").text == "Replica ICS"
    assert anonymous.get("/probe/unmarked").text == "Primary ICS"
    # a POST to a marked page never reads the replica
    assert anonymous.post("/probe/marked").text == "Primary ICS"


def test_after_a_post_the_same_browser_reads_the_primary_for_the_window(both, clock):
    client = signed_in_client(both, ADMIN)  # signing in is a POST that wrote
    assert client.get("/probe/marked").text == "Primary ICS"
    clock.tick(WINDOW - 1)
    assert client.get("/probe/marked").text == "Primary ICS"
    clock.tick(2)
    assert client.get("/probe/marked").text == "Replica ICS"

    assert client.post("/probe/post").text == "Primary ICS"
    assert _audited(both.config["SQLALCHEMY_DATABASE_URI"], "probe_written") == 1
    assert client.get("/probe/marked").text == "Primary ICS"
    clock.tick(WINDOW + 1)
    assert client.get("/probe/marked").text == "Replica ICS"
    # another browser was never held back by this one's writes
    assert both.test_client().get("/probe/marked").text == "Replica ICS"


def test_no_window_means_reading_the_replica_straight_after_a_write(database_url, replica_url):
    """READ_YOUR_WRITES_SECONDS=0 (a benchmark's reader): no holding back at all, not even the
    second the stamp is rounded up by."""
    _fill(database_url, "Primary")
    _fill(replica_url, "Replica")
    app = _with_probes(_make_app(database_url, DATABASE_READ_URL=replica_url,
                                 READ_YOUR_WRITES_SECONDS=0))
    client = signed_in_client(app, ADMIN)
    assert client.get("/probe/marked").text == "Replica ICS"
    app.extensions[read_replica.EXTENSION].engine.dispose()


def test_dashboards_exports_and_the_api_read_the_replica_and_write_the_primary(
        both, clock, database_url, replica_url):
    client = signed_in_client(both, ADMIN)
    clock.tick(WINDOW + 1)
    page = client.get("/ics/QZ9/")
    assert page.status_code == 200
    assert "Replica ICS" in page.text and "Replica cycle" in page.text
    assert "Primary" not in page.text
    # the view's audit row went to the primary, which is read by the pages that are not marked
    assert _audited(database_url, "ics_page_viewed") == 1
    assert _audited(replica_url, "ics_page_viewed") == 0
    assert "Primary ICS" in client.get("/admin/systems").text

    with _database(database_url):
        api = token_client(both, db.session.get(User, 1))  # the token is on the primary only
    cycles_read = api.get("/api/v1/organisations/RA1/cycles")
    assert cycles_read.status_code == 200
    assert [row["cycle"] for row in cycles_read.json["data"]] == ["Replica cycle"]
    assert _audited(database_url, "api_request") == 1


def test_a_streamed_export_reads_the_replica_after_its_audit_was_written(
        both, clock, database_url, replica_url):
    """The consultation CSV is written as it is sent, after the view returned and after the
    audit of the download was committed: that write (around the view, not in it) leaves the
    export on the replica."""
    for url, words in ((database_url, "Primary words"), (replica_url, "Replica words")):
        with _database(url):
            add_response(get_survey("framework_review", kind="consultation"), 1, words)
            db.session.commit()
    client = signed_in_client(both, ADMIN)
    clock.tick(WINDOW + 1)
    export = client.get("/admin/consultations/framework_review/responses.csv", buffered=True)
    assert export.status_code == 200
    assert "Replica words" in export.text and "Primary words" not in export.text
    assert (_audited(database_url, "consultation_exported"),
            _audited(replica_url, "consultation_exported")) == (1, 0)


def test_a_release_made_while_its_results_page_is_shown_is_made_and_read_on_the_primary(
        both, clock, database_url, replica_url):
    """A wave closed yesterday has no release until its results are first asked for: the page
    (marked) makes it on the primary, under its locks, and shows what it made. The replica,
    behind, has none yet."""
    for url in (database_url, replica_url):
        with _database(url):
            wave_id = closed_wave(db.session.scalar(select(Organisation)), {"3": 12, "4": 12}).id
    client = signed_in_client(both, ADMIN)
    clock.tick(WINDOW + 1)
    page = client.get(f"/staff-voice/waves/{wave_id}/results")
    assert page.status_code == 200
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text))
    assert "All bands 24 " in words  # the figures of the release just made
    for url, releases in ((database_url, 1), (replica_url, 0)):
        with _database(url):
            assert len(db.session.scalars(select(Release)).all()) == releases


def test_a_replica_that_cannot_be_reached_means_the_primary_and_a_log_line(
        database_url, tmp_path, caplog):
    _fill(database_url, "Primary")
    if database_url.startswith("sqlite"):
        gone = f"sqlite:///{tmp_path}/no-such-folder/replica.sqlite3"
    else:
        gone = "postgresql+psycopg://postgres@127.0.0.1:1/hwb"  # nothing listens on port 1
    app = _with_probes(_make_app(database_url, DATABASE_READ_URL=gone))
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        first, second = client.get("/probe/marked"), client.get("/probe/marked")
    assert (first.status_code, first.text) == (200, "Primary ICS")
    assert (second.status_code, second.text) == (200, "Primary ICS")
    warnings = [r for r in caplog.records if "read replica cannot be reached" in r.message]
    assert len(warnings) == 1  # then left alone for READ_REPLICA_RETRY_SECONDS


def _respondent_session(app, wave) -> tuple[dict, list[str]]:
    client = app.test_client()
    start = client.get(f"/staff/{wave.token}/")
    set_on_start = start.headers.getlist("Set-Cookie")
    assert fill_pages(client, wave) is None
    assert submit(client, wave).status_code == 302
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    serializer = app.session_interface.get_signing_serializer(app)
    return (serializer.loads(cookie.value) if cookie else {}), set_on_start


def test_an_anonymous_respondent_gets_nothing_new_in_their_cookie(both, database_url):
    plain = _make_app(database_url)
    with _database(database_url):
        wave = open_wave(db.session.scalar(select(Organisation)))
        db.session.commit()
        db.session.refresh(wave)
        db.session.expunge(wave)
    with_replica, start_with = _respondent_session(both, wave)
    without, start_without = _respondent_session(plain, wave)
    assert read_replica.WROTE_AT not in with_replica
    assert sorted(with_replica) == sorted(without)
    assert start_with == start_without == []

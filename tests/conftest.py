"""Fixtures shared by every test: app, client, runner, users by role, signed-in clients, an
assessment, and the hand-built ICS (tests/support/ics_system.py). Plain helpers (the password,
CSRF tokens, counting rows) are in tests/support/.

The schema is built once per run with the real Alembic migrations, on SQLite by default or on
PostgreSQL when DATABASE_URL is set; every test starts from empty tables.
"""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from freezegun import freeze_time

from app import create_app
from app.diagnostic import cycles
from app.extensions import db
from app.models import Action, ItemAnswer, Organisation, System, User
from tests.support import dbutil, ics_system
from tests.support.clients import (
    PASSWORD,
    IsolatedClient,
    sign_in_with_csrf,
    signed_in_client,
)
from tests.support.route_builders import share_compiled_builders
from tests.support.smtp import SmtpServer
from tests.support.wall_clock import WallClock

IN_CI = os.environ.get("CI") == "true"

share_compiled_builders()  # every test's app compiles its URL builders once a run, not each time


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url, cleanup = dbutil.fresh_database(tmp_path_factory.mktemp("db"))
    dbutil.migrate(url)
    yield url
    cleanup()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,
        "SECRET_KEY": "test-secret-key",
        "EXPORT_DIR": str(tmp_path),
    })
    app.test_client_class = IsolatedClient
    with app.app_context():
        dbutil.empty_tables()
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF protection on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture
def system(app):
    system = System(code="QZ9", name="Test ICS")
    db.session.add(system)
    db.session.commit()
    return system


@pytest.fixture
def orgs(app, system):
    orgs = [Organisation(code="RA1", name="Trust A", type="trust", system=system),
            Organisation(code="RB2", name="Practice B", type="gp_practice", system=system)]
    db.session.add_all(orgs)
    db.session.commit()
    return orgs


@pytest.fixture
def make_user(app, orgs, system):
    def make(role: str, email: str | None = None, org=None, active=True) -> User:
        user = User(email=email or f"{role}@example.nhs.uk", name=role.title(), role=role,
                    active=active, session_version=0)
        if role in ("org_lead", "contributor"):
            user.organisation = org or orgs[0]
        if role == "ics_lead":
            user.system = system
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user
    return make


@pytest.fixture
def sign_in(client):
    def do(user: User, password: str = PASSWORD):
        return client.post("/sign-in", data={"email": user.email, "password": password})
    return do


@pytest.fixture
def clock(app):
    """Time frozen at now, moved on by hand (`clock.tick(seconds)`): waits without sleeping."""
    with freeze_time(datetime.now()) as frozen:
        yield frozen


@pytest.fixture
def client_for(app, make_user):
    """A fresh client signed in as a new user with this role (and organisation), and the user."""
    def make(role: str, email: str | None = None, org=None):
        user = make_user(role, email=email, org=org)
        return signed_in_client(app, user.email), user
    return make


@pytest.fixture
def csrf_client_for(csrf_app, make_user):
    """client_for with CSRF protection on, as in production: signed in through the form."""
    def make(role: str, email: str | None = None, org=None):
        user = make_user(role, email=email, org=org)
        client = csrf_app.test_client()
        assert sign_in_with_csrf(client, user.email).status_code == 302
        return client, user
    return make


@pytest.fixture
def assessment(app, orgs):
    found = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    return found


@pytest.fixture
def filled(assessment):
    """An assessment with three answers (one with formula-like text) and two actions."""
    assessment.answers += [
        ItemAnswer(item_id="ph_mental_health_offer", rating="2", offer="Talking therapies",
                   evidence="Uptake report 2025", evidence_links="https://example.org/report",
                   gaps="Night staff <b>cannot</b> reach it", version=1),
        ItemAnswer(item_id="ph_trauma_support", rating="3", offer="=SUM(A1:A2)",
                   evidence="", evidence_links="", gaps="", version=1),
        ItemAnswer(item_id="ph_financial_wellbeing", rating="na", offer="", evidence="",
                   evidence_links="", gaps="", version=1),
    ]
    assessment.actions += [
        Action(item_id="ph_mental_health_offer", what="Evening clinic for night staff",
               owner="Head of OH", due=date(2026, 3, 31), status="in_progress"),
        Action(item_id="ph_mental_health_offer", what="-Promote self-referral", owner="",
               due=None, status="not_started"),
    ]
    db.session.commit()
    return assessment


@pytest.fixture
def hand_built(app, system):
    """The hand-built ICS whose compiled figures are known (tests/support/ics_system.py)."""
    return ics_system.build(system)


@pytest.fixture
def smtp_server(app):
    """A real SMTP server on loopback, and the app set to send through it."""
    server = SmtpServer()
    server.start()
    app.config.update(server.config())
    yield server
    server.stop()


# Tests that take minutes, started first so the other workers share out the rest meanwhile
# (pytest-xdist hands tests out in order): at the end they would leave workers idle.
LONG_FIRST = ("tests/security/test_attack_ledger.py::test_no_hidden_figure_is_pinned",
              "tests/bench/test_bench_smoke.py", "tests/bench/test_scaleout_smoke.py",
              "tests/browser/test_every_page_axe.py",
              "tests/security/test_staff_voice_outputs_property.py", "tests/test_cli.py",
              "tests/demo/")


def pytest_configure(config):
    config.pluginmanager.register(WallClock(), "wall_clock")


def pytest_collection_modifyitems(config, items):
    """Long tests first (LONG_FIRST). A test with nothing to test on one database is deselected
    there, not skipped, so the no-skip rule below still holds (CI runs the suite on both): one
    of SQLite's own files (marked sqlite_only) when DATABASE_URL is set, one that needs a
    PostgreSQL server (marked postgresql_only) when it is not. A test of how pages look in
    Chromium (marked presentation: layout, reflow, clipping, axe) runs in the SQLite run only:
    the pages are drawn by the same code whatever the database, and the PostgreSQL run's own
    browser journeys and test-client tests cover every page's queries there. So does the
    attacker's randomised search and the benchmarks' smoke test, whose time is not the
    database's (marked sqlite_only too: tests/README.md)."""
    items.sort(key=lambda item: next((i for i, prefix in enumerate(LONG_FIRST)
                                      if item.nodeid.startswith(prefix)), len(LONG_FIRST)))
    elsewhere = (("sqlite_only", "presentation") if os.environ.get("DATABASE_URL")
                 else ("postgresql_only",))
    off = [item for item in items if any(item.get_closest_marker(m) for m in elsewhere)]
    if off:
        config.hook.pytest_deselected(items=off)
        items[:] = [item for item in items if item not in off]


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped browser or PostgreSQL test is a failure."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped"):
        skipped = len(reporter.stats["skipped"])
        reporter.write_line(f"CI: {skipped} test(s) skipped: failing the run",
                            red=True)
        session.exitstatus = 1

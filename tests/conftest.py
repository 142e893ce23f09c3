"""Fixtures shared by every test: app, client, runner, users by role, and a live server.

The schema is built once per run with the real Alembic migrations, on SQLite by default or on
PostgreSQL when DATABASE_URL is set; every test starts from empty tables.
"""

from __future__ import annotations

import contextvars
import os
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app.extensions import db
from app.models import Organisation, System, User
from tests import dbutil

IN_CI = os.environ.get("CI") == "true"
PASSWORD = "correct-horse-battery"


class IsolatedClient(FlaskClient):
    """Each request runs in its own context, as in a real server: the test's own app context
    (and its `g` and database session) must not leak into the request."""

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


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


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def pytest_collection_modifyitems(config, items):
    """A test of SQLite's own files (marked sqlite_only) has nothing to test on PostgreSQL: it
    is deselected there, not skipped, so the no-skip rule below still holds (CI runs the suite
    on SQLite too, where it runs)."""
    if not os.environ.get("DATABASE_URL"):
        return
    only = [item for item in items if item.get_closest_marker("sqlite_only")]
    if only:
        config.hook.pytest_deselected(items=only)
        items[:] = [item for item in items if not item.get_closest_marker("sqlite_only")]


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped browser or PostgreSQL test is a failure."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped"):
        skipped = len(reporter.stats["skipped"])
        reporter.write_line(f"CI: {skipped} test(s) skipped: failing the run",
                            red=True)
        session.exitstatus = 1


def count(table: str) -> int:
    return db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608

"""The application shell: configuration, security headers, error pages, migrations."""

import os
import stat

from app import create_app
from app.config import database_url
from tests.support.clients import PASSWORD


def test_secret_key_generated_once_and_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from app.config import secret_key

    first = secret_key(str(tmp_path))
    assert len(first) == 64 and first == secret_key(str(tmp_path))
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_processes_starting_together_share_one_whole_key(tmp_path, monkeypatch):
    """Test workers and gunicorn workers start at once on a fresh clone: a process that saw no
    key, then lost the race to write it, uses the winner's key instead of failing."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from pathlib import Path

    from app.config import secret_key

    winner = secret_key(str(tmp_path))
    monkeypatch.setattr(Path, "exists", lambda self: False)  # checked before the winner wrote
    assert secret_key(str(tmp_path)) == winner
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]  # no drafts left


def test_database_url_defaults_to_sqlite_in_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url(str(tmp_path)) == f"sqlite:///{tmp_path}/hwb.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@h/db")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u:p@h/db"


def test_production_defaults_are_safe(monkeypatch):
    monkeypatch.delenv("HWB_LOCAL_DEV", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 30 * 60
    assert app.config["TIMEZONE"] == "Europe/London"
    assert app.config["SECRET_KEY"] and app.config["SECRET_KEY"] != "dev"


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # A fresh nonce per response.
    assert client.get("/").headers["Content-Security-Policy"] != csp


def test_hsts_when_cookies_are_secure(app):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = app.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_signed_in_pages_are_not_cached(client, make_user, sign_in):
    sign_in(make_user("admin"))
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"


def test_session_cookie_flags(app, make_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    user = make_user("admin")
    response = app.test_client().post("/sign-in", base_url="https://localhost",
                                      data={"email": user.email, "password": PASSWORD})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "hwb_session=" in c)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # a permanent session that ends after inactivity


def test_404_page_is_nhs_styled(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "nhsuk-header" in response.text


def test_500_page_shows_no_traceback(app):
    @app.get("/boom-test")
    def boom():
        raise RuntimeError("secret internals")

    app.config["TESTING"] = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom-test")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_migrations_match_the_models(app):
    """The schema built by the migrations is the schema the models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from app.extensions import db

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_nul_bytes_are_dropped_from_forms_and_queries(client, make_user, sign_in):
    """PostgreSQL refuses NUL in text; a pasted or forged one must never become a 500."""
    sign_in(make_user("admin"))
    response = client.post("/admin/systems/new", data={"code": "QQ\x001", "name": "Na\x00me"})
    assert response.status_code == 302
    page = client.get("/admin/systems")
    assert "QQ1" in page.text and "Name" in page.text
    assert client.get("/admin/audit?target=a%00b").status_code == 200

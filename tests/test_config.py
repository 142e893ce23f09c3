"""Settings (app/config.py): the secret key made once and shared, the database address, safe
production defaults and the session cookie's flags."""

import os
import stat

import pytest

from app import create_app
from app.config import database_url, engine_options, read_database_url
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


def test_pool_settings_come_from_the_environment_and_sqlite_keeps_its_own(monkeypatch):
    monkeypatch.delenv("DATABASE_POOL_SIZE", raising=False)
    monkeypatch.delenv("DATABASE_MAX_OVERFLOW", raising=False)
    url = "postgresql+psycopg://u@h/db"
    assert engine_options(url) == {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 5}
    monkeypatch.setenv("DATABASE_POOL_SIZE", "2")
    monkeypatch.setenv("DATABASE_MAX_OVERFLOW", "0")
    assert engine_options(url) == {"pool_pre_ping": True, "pool_size": 2, "max_overflow": 0}
    assert engine_options("sqlite:///x.sqlite3") == {}
    monkeypatch.setenv("DATABASE_POOL_SIZE", "lots")
    with pytest.raises(ValueError, match="DATABASE_POOL_SIZE must be a whole number"):
        engine_options(url)


def test_the_pool_suits_the_database_finally_chosen(monkeypatch):
    """DATABASE_URL may name PostgreSQL while a test (or instance/config.py) picks SQLite:
    PostgreSQL's pool settings would not fit an in-memory SQLite database."""
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == {}


def test_the_read_replica_is_unset_unless_named(monkeypatch):
    monkeypatch.delenv("DATABASE_READ_URL", raising=False)
    assert read_database_url() == ""
    monkeypatch.setenv("DATABASE_READ_URL", "postgres://u@replica/db")
    assert read_database_url() == "postgresql+psycopg://u@replica/db"


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


def test_session_cookie_flags(app, make_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    user = make_user("admin")
    response = app.test_client().post("/sign-in", base_url="https://localhost",
                                      data={"email": user.email, "password": PASSWORD})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if "hwb_session=" in c)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # a permanent session that ends after inactivity


def test_the_wave_row_setting_arrives_as_text_and_must_be_a_number(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    monkeypatch.setenv("HWB_WAVE_ROW_SECONDS", "2")
    assert create_app({"TESTING": True}).config["WAVE_ROW_SECONDS"] == 2
    monkeypatch.setenv("HWB_WAVE_ROW_SECONDS", "soon")
    with pytest.raises(ValueError, match="HWB_WAVE_ROW_SECONDS must be a whole number"):
        create_app({"TESTING": True})

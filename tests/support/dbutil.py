"""Test databases: a fresh one per run (SQLite file, or a new PostgreSQL database when
DATABASE_URL is set), built with the real migrations."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.config import database_url as app_database_url
from app.extensions import db


def fresh_database(tmp: Path):
    base = os.environ.get("DATABASE_URL")
    if not base:
        return f"sqlite:///{tmp / 'test.sqlite3'}", lambda: None
    url = make_url(app_database_url(str(tmp)))
    name = f"hwb_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def cleanup():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), cleanup


def migrate(url: str) -> None:
    """Run `flask db upgrade` against url, as deployment does."""
    from flask_migrate import upgrade

    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()


def empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                                + " RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(text(f'DELETE FROM "{table}"'))  # noqa: S608
        if _has_sequence():
            db.session.execute(text("DELETE FROM sqlite_sequence"))
    db.session.commit()


def _has_sequence() -> bool:
    return bool(db.session.execute(
        text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")).first())


def count(table: str) -> int:
    return db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608

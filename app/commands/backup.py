"""`flask db backup FILE`: a consistent copy of the database while the app keeps serving."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from flask import Flask
from flask_migrate.cli import db as db_group

from app.extensions import db
from app.models import record

PG_ADVICE = ("This database is PostgreSQL: back it up with pg_dump, which takes a consistent "
             "snapshot while the app serves, e.g.\n"
             "  pg_dump --format=custom --file=hwb.dump \"$DATABASE_URL\"\n"
             "and restore with pg_restore --clean --dbname=... hwb.dump")


def backup_sqlite(source: str, target: Path, pages_per_step: int = 1024) -> int:
    """Copy with SQLite's online backup API: readers and writers carry on, and the copy is a
    single consistent state of the database. Returns the number of pages copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise click.ClickException(f"{target} already exists: choose a new file name")
    partial = target.with_suffix(target.suffix + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        with click.progressbar(length=100, label="Backing up", show_percent=True) as bar:
            done = [0]

            def progress(_status, remaining, total):
                percent = int(100 * (total - remaining) / total) if total else 100
                bar.update(percent - done[0])
                done[0] = percent

            src.backup(dst, pages=pages_per_step, progress=progress)
        pages = dst.execute("PRAGMA page_count").fetchone()[0]
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            raise click.ClickException(f"the copy failed its integrity check: {ok}")
    finally:
        dst.close()
        src.close()
    partial.rename(target)  # only a complete, checked copy gets the name asked for
    return pages


@db_group.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path):
    """Write a consistent copy of the SQLite database to FILE (PostgreSQL: use pg_dump)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise click.ClickException(PG_ADVICE)
    pages = backup_sqlite(url.database, file)
    record("database_backup", str(file), actor="cli", pages=pages)
    db.session.commit()
    click.echo(f"Backed up {url.database} to {file} ({pages} pages, integrity ok)")


def register(app: Flask) -> None:
    """The command joins Flask-Migrate's `db` group when this module is imported."""

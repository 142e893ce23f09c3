"""The benchmark data set: built once by `flask bench-data`, cached, copied for writers.

SQLite: bench/results/dataset-<N>x<M>.sqlite3 (gitignored), built under a temporary name and
renamed when complete, so an interrupted build is never reused. PostgreSQL (DATABASE_URL set):
a database hwb_bench_<N>_<M> on that server, reused when its last step (diagnostics) is there.
Two systems: BZ9 with the N responses across M organisations (P3, P5), and BZ4 with 44
organisations and N/20 responses for the ICS PDF (P4).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from common import PYTHON, RESULTS_DIR, ROOT, on_postgres

BIG, PDF = "BZ9", "BZ4"
# The P4 system's size; the smoke test (tests/bench) sets a small one through BENCH_PDF_ORGS, as
# the first PDF of a system makes its audited release, which takes minutes at 44 organisations.
PDF_ORGS = int(os.environ.get("BENCH_PDF_ORGS", "44"))
SIZE_TAG = "" if PDF_ORGS == 44 else f"p{PDF_ORGS}"


@dataclass
class Dataset:
    url: str
    responses: int
    orgs: int
    built_seconds: float | None = None  # None when reused from the cache

    def env(self, url: str | None = None) -> dict:
        return {"DATABASE_URL": url or self.url, "SECRET_KEY": "bench-secret-key-not-for-use"}

    def warm(self) -> None:
        """Read a SQLite data set's file once, so the OS holds it in memory as it does for a
        server that has been running. Otherwise the pages that read rows at random places
        (the system page's comment sample) wait on the disk for pages a cold cache lacks:
        275 ms against 95 ms for the system results page on 5 December, with the same CPU."""
        if self.url.startswith("sqlite:///"):
            with open(self.url.removeprefix("sqlite:///"), "rb") as f:
                while f.read(1 << 24):
                    pass


def flask(args: list[str], url: str) -> None:
    subprocess.run([PYTHON, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url})


def _build(url: str, responses: int, orgs: int, consultation: bool = False) -> None:
    flask(["db", "upgrade"], url)
    if consultation:  # P5: consultation responses only
        flask(["bench-data", "--responses", "0", "--orgs", "1", "--system", "BZ5",
               "--consultation-responses", str(responses)], url)
        return
    flask(["bench-data", "--responses", str(responses), "--orgs", str(orgs), "--system", BIG],
          url)
    flask(["bench-data", "--responses", str(max(responses // 20, PDF_ORGS * 40)), "--orgs",
           str(PDF_ORGS), "--system", PDF], url)


def _postgres(responses: int, orgs: int, consultation: bool) -> Dataset:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.config import database_url

    base = make_url(database_url(str(ROOT / "instance")))
    name = f"hwb_bench_{'consult_' if consultation else ''}{responses}_{orgs}{SIZE_TAG}"
    url = base.set(database=name).render_as_string(hide_password=False)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    if exists:
        probe = create_engine(url)
        with probe.connect() as conn:
            done = conn.scalar(text(
                "SELECT count(*) FROM diagnostic_assessments a JOIN organisations o ON "
                "o.id = a.organisation_id JOIN systems s ON s.id = o.system_id "
                "WHERE s.code = :c"), {"c": "BZ5" if consultation else PDF})
        probe.dispose()
        if done:
            admin.dispose()
            flask(["db", "upgrade"], url)  # as for SQLite below: a schema from before a migration
            return Dataset(url, responses, orgs)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    started = time.perf_counter()
    _build(url, responses, orgs, consultation)
    return Dataset(url, responses, orgs, time.perf_counter() - started)


def dataset(responses: int, orgs: int, consultation: bool = False) -> Dataset:
    """The cached data set of this size, built first if needed."""
    if on_postgres():
        return _postgres(responses, orgs, consultation)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    kind = "consultation" if consultation else "dataset"
    path = RESULTS_DIR / f"{kind}-{responses}x{orgs}{SIZE_TAG}.sqlite3"
    if path.exists():
        # A data set built before the latest migration: bring its schema up to date (cheap
        # when it already is; 0012 rewrites the answers table once, a few minutes at 1M).
        flask(["db", "upgrade"], f"sqlite:///{path}")
        return Dataset(f"sqlite:///{path}", responses, orgs)
    building = path.with_suffix(".building")
    for leftover in RESULTS_DIR.glob(building.name + "*"):
        leftover.unlink()
    print(f"Building the data set ({responses:,} responses, {orgs} organisations) once; "
          f"it is kept in {path}", flush=True)
    started = time.perf_counter()
    _build(f"sqlite:///{building}", responses, orgs, consultation)
    seconds = time.perf_counter() - started
    _fold_wal(building)
    building.rename(path)
    return Dataset(f"sqlite:///{path}", responses, orgs, seconds)


def _fold_wal(path: Path) -> None:
    """Copy whatever the build left in the WAL into the file and empty it: the file is renamed
    and copied on its own, so a row still only in `<file>-wal` would be lost (a build process
    that exits without closing its connections leaves its WAL behind)."""
    with sqlite3.connect(path) as conn:
        busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    conn.close()
    if busy:
        raise RuntimeError(f"{path}: the WAL could not be folded back (still in use)")
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)


def writable(data: Dataset) -> str:
    """A URL benchmarks may write to: a fresh copy of the SQLite file; on PostgreSQL the data
    set itself (writes only add responses to an open wave that the read benchmarks ignore)."""
    if not data.url.startswith("sqlite:///"):
        return data.url
    source = Path(data.url.removeprefix("sqlite:///"))
    scratch = RESULTS_DIR / "scratch.sqlite3"
    for old in RESULTS_DIR.glob("scratch.sqlite3*"):
        old.unlink()
    shutil.copyfile(source, scratch)
    return f"sqlite:///{scratch}"

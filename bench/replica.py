"""A streaming read replica on loopback, made from the PostgreSQL server DATABASE_URL names,
for bench/scaleout.py: `pg_basebackup -R` into a temporary folder, started on another port with
Debian's binaries of the server's own major version, removed afterwards.

The server must accept replication connections from this machine for the URL's user (a
superuser, or a role with REPLICATION; a cluster made by `initdb -A trust`, as .ci/run makes,
does). Run as root, the copy is made and run as the postgres user, as .ci/run does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import free_port
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# A hot standby refuses to start with less of these than its primary has.
MUST_MATCH = ("max_connections", "max_worker_processes", "max_wal_senders",
              "max_prepared_transactions", "max_locks_per_transaction")
CATCH_UP_SECONDS = 120


def _one(url: str, sql: str, **params):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).all()
    finally:
        engine.dispose()


def _binaries(major: int) -> Path:
    found = Path(f"/usr/lib/postgresql/{major}/bin")
    if not (found / "pg_basebackup").exists():
        raise SystemExit(f"the server is PostgreSQL {major}: {found}/pg_basebackup is needed "
                         f"(apt-get install postgresql-{major})")
    return found


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str], env: dict) -> None:
    done = subprocess.run(_as_server_user(cmd), env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode:
        raise SystemExit(f"{Path(cmd[0]).name} failed ({done.returncode}): "
                         f"{(done.stderr or done.stdout).strip()[-800:]}")


@contextmanager
def streaming_replica(primary: str) -> Iterator[str]:
    """Yield the replica's URL (the same user and database as `primary`), caught up."""
    url = make_url(primary)
    settings = dict(_one(primary, "SELECT name, setting FROM pg_settings WHERE name = ANY(:n)",
                         n=list(MUST_MATCH)))
    major = int(_one(primary, "SELECT current_setting('server_version_num')")[0][0]) // 10000
    pg_bin = _binaries(major)
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    folder = Path(tempfile.mkdtemp(prefix="hwb-scaleout-replica."))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    data = folder / "data"
    options = " ".join([f"-h 127.0.0.1 -p {port} -k {folder}", "-c hot_standby=on",
                        *(f"-c {name}={value}" for name, value in settings.items())])
    started = False
    try:
        _run([str(pg_bin / "pg_basebackup"), "-h", url.host or "127.0.0.1",
              "-p", str(url.port or 5432), "-U", url.username or "postgres", "-D", str(data),
              "-R", "-X", "stream", "-c", "fast"], env)
        _run([str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w",
              "-o", options, "start"], env)
        started = True
        replica = url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
        if not _one(replica, "SELECT pg_is_in_recovery()")[0][0]:
            raise SystemExit("the copy started as a primary, not as a standby")
        catch_up(primary, replica)
        yield replica
    finally:
        if started:
            subprocess.run(_as_server_user([str(pg_bin / "pg_ctl"), "-D", str(data), "-m",
                                            "fast", "stop"]), capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def catch_up(primary: str, replica: str) -> float:
    """Wait until the replica has replayed everything the primary had written; the seconds
    that took."""
    started = time.monotonic()
    target = _one(primary, "SELECT pg_current_wal_lsn()::text")[0][0]
    while time.monotonic() - started < CATCH_UP_SECONDS:
        if _one(replica, "SELECT coalesce(pg_last_wal_replay_lsn() >= CAST(:t AS pg_lsn), "
                         "false)", t=target)[0][0]:
            return time.monotonic() - started
        time.sleep(0.05)
    raise SystemExit(f"the replica did not catch up with the primary in {CATCH_UP_SECONDS} s")


def rows_read(url: str) -> int:
    """Rows this server has returned or fetched for the URL's database since it started (its
    own statistics: a standby counts the queries it served)."""
    return int(_one(url, "SELECT tup_returned + tup_fetched FROM pg_stat_database "
                         "WHERE datname = current_database()")[0][0])

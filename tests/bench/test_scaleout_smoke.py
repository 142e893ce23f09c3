"""`bench/scaleout.py` works end to end at the smallest size that takes every step: a streaming
replica made from the PostgreSQL server and caught up, one and then two app servers, J1 and P1
against each with nothing lost, and P3 read from the replica. Timings are not judged (no run on
one machine can judge them, bench/README.md says why); the figures' shape and the lost = 0
checks are. It needs the PostgreSQL server DATABASE_URL names (the benchmark refuses SQLite), so
it is deselected, not skipped, on the SQLite run (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests.support.paths import ROOT

pytestmark = pytest.mark.postgresql_only

# One run, one worker per app server, one journey client per app server, 1 s of load. 6,000
# responses over 4 organisations (the fewest scaleout.py takes): groups large enough that the
# first view of the system results page, which makes and audits the system's release, takes
# about a second; at a few hundred responses the hidden groups are small and it takes 15-60 s.
SIZE = {"BENCH_RUNS": "1", "BENCH_WORKERS": "1", "BENCH_CLIENTS": "1", "BENCH_PDF_ORGS": "1"}
ARGS = ["--seconds", "1", "--responses", "6000", "--orgs", "4"]
TIMEOUT = 600
# Every process the benchmark starts inherits this variable: how leftovers are found by id.
MARK = "HWB_SCALEOUT_SMOKE"


def test_a_replica_and_two_app_servers_lose_nothing(wrk, tmp_path):
    # The replica's folder is made in TMPDIR, as the postgres user when run as root: a folder
    # of our own, so whatever happens it can be found, stopped and removed.
    scratch = Path(tempfile.mkdtemp(prefix="hwb-scaleout-smoke."))
    scratch.chmod(0o755)
    marker = uuid.uuid4().hex
    env = {**os.environ, **SIZE, "BENCH_RESULTS_DIR": str(tmp_path), "TMPDIR": str(scratch),
           MARK: marker}
    try:
        returncode, out = _run([sys.executable, "bench/scaleout.py", *ARGS], env)
        left = [p.name for p in scratch.glob("hwb-scaleout-replica.*")], _marked(marker)
        # gunicorn's log is kept (in TMPDIR) only when it logged a server error.
        logs = "".join(p.read_text(errors="replace")[-3000:]
                       for p in scratch.glob("bench-gunicorn-*.log"))
    finally:
        _clean_up(scratch, marker)
    assert returncode == 0, out[-4000:] + logs
    assert "tracebacks" not in out, out + logs
    assert left == ([], []), left  # scaleout.py stops its servers and removes its replica

    figures = {f["id"]: f for f in json.loads((tmp_path / "latest.json").read_text())}
    assert set(figures) == {"SCALE-J1-one", "SCALE-J1-two", "SCALE-J1", "SCALE-P1-one",
                            "SCALE-P1-two", "SCALE-P1", "SCALE-P3-org", "SCALE-P3-ics",
                            "SCALE-P3-system_results"}
    for servers, name in ((1, "one"), (2, "two")):
        # Whole journeys, page by page, on every server: none failed, each stored and counted.
        [journeys] = figures[f"SCALE-J1-{name}"]["detail"]["runs"]
        assert journeys["clients"] == servers, journeys
        assert journeys["done"] > 0 and journeys["failed"] == 0, journeys
        assert journeys["lost"] == 0 and journeys["rate"] > 0, journeys
        # Every acknowledged submission stored, and counted exactly once.
        [submissions] = figures[f"SCALE-P1-{name}"]["detail"]["runs"]
        assert submissions["connections"] == 8 * servers, submissions
        assert submissions["acknowledged"] > 0 and submissions["errors"] == 0, submissions
        assert submissions["stored"] >= submissions["acknowledged"], submissions
        assert submissions["counted"] == submissions["stored"], submissions
        assert submissions["lost"] == 0, submissions
    for fid in ("SCALE-J1", "SCALE-P1"):
        detail = figures[fid]["detail"]
        assert detail["lost"] == 0 and detail["failed_or_errors"] == 0, (fid, detail)
        assert figures[fid]["value"] > 0, figures[fid]
    for key in ("org", "ics", "system_results"):
        page = figures[f"SCALE-P3-{key}"]
        assert page["value"] > 0 and page["detail"]["primary_ms"] > 0, page
        assert page["detail"]["replica_caught_up_after_s"] >= 0, page
        # The replica served reads of the data set's database while the pages were read.
        assert page["detail"]["rows_read_during_replica_run"]["replica"] > 0, page


def _run(cmd: list[str], env: dict) -> tuple[int, str]:
    """Run cmd in a session of its own; past TIMEOUT, interrupt it (so its own clean-up runs),
    then kill what is left of it."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        out += f"\n(timed out after {TIMEOUT} s)"
    return proc.returncode, out


def _marked(marker: str) -> list[int]:
    """Ids of live processes whose environment carries the marker. A PostgreSQL server's may
    not (it may write its process titles over its environment): replicas are stopped by their
    folder first."""
    found = []
    needle = f"{MARK}={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # gone, or another user's
            continue
    return found


def _clean_up(scratch: Path, marker: str) -> None:
    """Stop any replica left in scratch, end every process the run left behind, remove
    scratch."""
    for pid_file in scratch.glob("*/data/postmaster.pid"):
        data = pid_file.parent
        pg_ctl = f"/usr/lib/postgresql/{(data / 'PG_VERSION').read_text().strip()}/bin/pg_ctl"
        cmd = [pg_ctl, "-D", str(data), "-m", "immediate", "stop"]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, capture_output=True, timeout=60, check=False)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = _marked(marker)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 10
        while pids and _marked(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
    shutil.rmtree(scratch, ignore_errors=True)

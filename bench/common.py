"""Shared machinery for the benchmarks: servers on loopback, wrk, medians, the results file."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# BENCH_RESULTS_DIR moves the figures and the cached data sets (the suite's smoke run uses it).
RESULTS_DIR = Path(os.environ.get("BENCH_RESULTS_DIR") or ROOT / "bench" / "results")
RESULTS = RESULTS_DIR / "latest.json"
PYTHON = sys.executable


@dataclass
class Figure:
    id: str
    name: str
    value: float
    unit: str
    bar: str
    met: bool
    baseline_ratio: float | None = None
    detail: dict = field(default_factory=dict)

    def line(self) -> str:
        ratio = (f", {self.baseline_ratio:.2f}× baseline" if self.baseline_ratio is not None
                 else "")
        verdict = "met" if self.met else "NOT MET"
        return (f"{self.id} {self.name}: {self.value:,.1f} {self.unit} (bar {self.bar}{ratio}) "
                f"{verdict}")


def on_postgres() -> bool:
    """Whether DATABASE_URL names the PostgreSQL server to build the data sets on. Unset, the
    data sets are SQLite files under bench/results/; any other URL is refused (SystemExit)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return False
    if url.startswith(("postgresql:", "postgresql+", "postgres:")):
        return True
    raise SystemExit(
        f"DATABASE_URL is {url.split(':', 1)[0]}:..., which the benchmarks cannot use: they "
        "build their own SQLite data sets under bench/results/ when DATABASE_URL is unset, or "
        "their own databases on the PostgreSQL server it names. Unset it, or give a "
        "postgresql:// URL.")


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "cpu": _cpu_model(),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "database": "postgresql" if on_postgres() else "sqlite"}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def save(figures: list[Figure]) -> None:
    """Merge these figures into bench/results/latest.json: one entry per figure id and
    database (SQLite and PostgreSQL figures are kept side by side)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    here = machine()
    keep = [f for f in old if f.get("id") not in {x.id for x in figures}
            or f.get("machine", {}).get("database") != here["database"]]
    data = keep + [{**asdict(f), "machine": here, "at": time.strftime("%Y-%m-%dT%H:%M:%S")}
                   for f in figures]
    RESULTS.write_text(json.dumps(sorted(data, key=lambda f: (f["id"], f["machine"]["database"])),
                                  indent=2))
    for f in figures:
        print(f.line(), flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except Exception:  # noqa: BLE001 - still starting
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start")


@contextmanager
def gunicorn(app: str = "wsgi:app", workers: int = 4, env: dict | None = None,
             threads: int = 1, probe: str = "/"):
    """gunicorn on a free loopback port; yields the base URL and stops it afterwards."""
    port = free_port()
    cmd = [PYTHON, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers",
           str(workers), "--threads", str(threads), "--log-level", "warning",
           "--worker-class", "gthread" if threads > 1 else "sync", "--backlog", "2048"]
    log_path = Path(tempfile.mkstemp(prefix="bench-gunicorn-", suffix=".log")[1])
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + probe)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        server_errors = log_path.read_text(errors="replace").count("Traceback")
        if server_errors:
            print(f"  gunicorn logged {server_errors} tracebacks: see {log_path}", flush=True)
        else:
            log_path.unlink()


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does this)")
    return path


@dataclass
class WrkResult:
    requests: int
    seconds: float
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int
    non_2xx: int
    counters: dict = field(default_factory=dict)  # "NAME n" lines a script's done() wrote


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * _UNITS[m.group(2)] if m else 0.0


def run_wrk(url: str, seconds: int, connections: int, script: str | None = None,
            threads: int = 2, env: dict | None = None) -> WrkResult:
    """Run wrk with latency distribution; parse requests, rate, p50/p99 and errors."""
    cmd = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
           "--timeout", "10s"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 60,
                         env={**os.environ, **(env or {})}, check=False).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    secs = re.search(r"requests in ([\d.]+)(\w+),", out)
    seconds_taken = float(secs.group(1)) * (60 if secs.group(2) == "m" else 1)
    # Anchored to the Latency Distribution lines: "75.50%" in the thread stats also ends in 50%.
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = sum(int(x) for x in sock.groups()) if sock else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    counters = {m.group(1): int(m.group(2)) for m in re.finditer(r"^([A-Z_]+) (\d+)$", out, re.M)}
    return WrkResult(requests, seconds_taken, requests / seconds_taken if seconds_taken else 0,
                     p50, p99, errors, int(non2xx.group(1)) if non2xx else 0, counters)

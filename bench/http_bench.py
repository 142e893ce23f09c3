"""P1 staff-voice submission, P2 survey page GET and P6 overload: gunicorn on loopback, wrk.

Each runs on a writable copy of the data set (1M responses present), in a wave opened for the
benchmark. The app and the baseline take turns (never both at once, so they do not share the two
cores), and figures are the median of the runs.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import time
import uuid
from dataclasses import asdict
from datetime import date, timedelta

from common import PYTHON, ROOT, Figure, gunicorn, median, run_wrk
from dataset import BIG, Dataset, writable

# Sync workers, 2 per core, so one waiting for the write queue never idles a core
# (BENCH_WORKERS to try others).
WORKERS = int(os.environ.get("BENCH_WORKERS", 4))
P1_CONNECTIONS = 8
# Unmeasured load first: each new worker compiles its templates and fills its caches on its
# first requests, which is start-up, not the steady state the bars are about.
WARMUP_SECONDS = 2
RUNS = int(os.environ.get("BENCH_RUNS", 3))  # the smoke run in the suite uses 1
SURVEY = "staff_voice_bands_2_4"
APP, BASELINE = "bench.submit_app:app", "bench.baseline_app:app"


def open_wave(url: str, org_code: str) -> str:
    """Launch an open wave with the real CLI; return its public token."""
    today = date.today()
    out = subprocess.run(
        [PYTHON, "-m", "flask", "--app", "wsgi", "staff-voice", "launch", "--org", org_code,
         "--survey", SURVEY, "--opens", (today - timedelta(days=1)).isoformat(),
         "--closes", (today + timedelta(days=30)).isoformat()],
        cwd=ROOT, check=True, capture_output=True, text=True,
        env={**os.environ, "DATABASE_URL": url}).stdout
    return re.search(r"/staff/([^/\s]+)/", out).group(1)


def _cookie(response, old: str) -> str:
    header = response.getheader("Set-Cookie") or ""
    m = re.match(r"((?:__Host-)?hwb_session=[^;]*)", header)
    return m.group(1) if m else old


def respondent_session(base: str, token: str) -> tuple[str, str]:
    """(Cookie header, CSRF token) of a respondent who has started the survey."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", f"/staff/{token}/begin")
    first = conn.getresponse()
    first.read()
    cookie = _cookie(first, "")
    conn.request("GET", f"/staff/{token}/questions/your_band", headers={"Cookie": cookie})
    page = conn.getresponse()
    html = page.read().decode()
    cookie = _cookie(page, cookie)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    conn.close()
    return cookie, csrf


def stored(url: str, token: str) -> tuple[int, int]:
    """(responses stored, respondents in the kept counts) for the wave with this token."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        wave = conn.scalar(text("SELECT id FROM staff_voice_waves WHERE token = :t"), {"t": token})
        # One statement, so both figures come from one snapshot even while writes go on.
        responses, counted = conn.execute(text(
            "SELECT (SELECT count(*) FROM responses WHERE wave_id = :w), "
            "(SELECT coalesce(sum(n), 0) FROM staff_voice_respondents WHERE wave_id = :w)"),
            {"w": wave}).one()
    engine.dispose()
    return responses, counted


def _submit(app: str, data: Dataset, url: str, token: str, seconds: int, connections: int):
    """One measured run after a warm-up; returns the wrk result and what the run itself stored
    (responses, respondents counted), so warm-up submissions are not mistaken for it."""
    with gunicorn(app, workers=WORKERS, env=data.env(url), probe="/") as base:
        cookie, csrf = respondent_session(base, token) if app == APP else ("", "")

        def load(secs: int):
            return run_wrk(base + f"/bench/staff/{token}/submit", secs, connections,
                           script=str(ROOT / "bench" / "submit.lua"),
                           env={"BENCH_COOKIE": cookie, "BENCH_CSRF": csrf,
                                "BENCH_PATH": f"/bench/staff/{token}/submit",
                                "BENCH_PREFIX": uuid.uuid4().hex[:12]})

        load(WARMUP_SECONDS)
        time.sleep(1)  # let requests still in flight when wrk stopped finish
        before = stored(url, token)
        result = load(seconds)
        time.sleep(1)
        after = stored(url, token)
    return result, (after[0] - before[0], after[1] - before[1])


def p1(data: Dataset, seconds: int) -> list[Figure]:
    url = writable(data)
    token, base_token = open_wave(url, f"{BIG}0001"), open_wave(url, f"{BIG}0002")
    each = max(seconds // RUNS, 1)
    runs, baseline, responses, counted = [], [], 0, 0
    for _ in range(RUNS):
        run, (new, new_counted) = _submit(APP, data, url, token, each, P1_CONNECTIONS)
        runs.append(run)
        responses, counted = responses + new, counted + new_counted
        baseline.append(_submit(BASELINE, data, url, base_token, each, P1_CONNECTIONS)[0])
    acknowledged = sum(r.counters.get("ACKNOWLEDGED", 0) for r in runs)
    rate, base_rate = median([r.rate for r in runs]), median([r.rate for r in baseline])
    p99 = median([r.p99_ms for r in runs])
    errors = sum(r.errors + r.non_2xx for r in runs)
    ratio = rate / base_rate if base_rate else 0.0
    met = rate >= 500 and p99 <= 100 and errors == 0 and ratio >= 0.6
    return [Figure("P1", "staff-voice submission", rate, "submissions/s",
                   "≥ 500/s, p99 ≤ 100 ms, 0 errors, ≥ 0.6× baseline", met, round(ratio, 3),
                   {"p50_ms": median([r.p50_ms for r in runs]), "p99_ms": p99,
                    "errors": errors, "acknowledged": acknowledged, "stored": responses,
                    "counted": counted, "connections": P1_CONNECTIONS, "workers": WORKERS,
                    "seconds_per_run": each, "runs": [asdict(r) for r in runs],
                    "baseline_rate": base_rate,
                    "baseline_p50_ms": median([r.p50_ms for r in baseline]),
                    "baseline_p99_ms": median([r.p99_ms for r in baseline])})]


def p6(data: Dataset, seconds: int) -> list[Figure]:
    url = writable(data)
    token = open_wave(url, f"{BIG}0003")
    connections = 4 * P1_CONNECTIONS
    result, (responses, counted) = _submit(APP, data, url, token, max(seconds, 1), connections)
    acknowledged = result.counters.get("ACKNOWLEDGED", 0)
    lost = max(acknowledged - responses, 0)
    server_errors = result.non_2xx + result.errors
    met = result.p99_ms <= 1000 and server_errors == 0 and lost == 0 and counted == responses
    return [Figure("P6", f"overload at {connections} connections, p99", result.p99_ms, "ms",
                   "p99 ≤ 1 s, 0 server errors, 0 lost submissions", met, None,
                   {"rate": result.rate, "p50_ms": result.p50_ms, "errors": server_errors,
                    "acknowledged": acknowledged, "stored": responses, "counted": counted,
                    "lost": lost, "connections": connections, "workers": WORKERS,
                    "seconds": max(seconds, 1)})]


def p2(data: Dataset, seconds: int) -> list[Figure]:
    url = writable(data)
    token = open_wave(url, f"{BIG}0004")
    each = max(seconds // RUNS, 1)
    runs, baseline = [], []
    for _ in range(RUNS):
        with gunicorn(APP, workers=WORKERS, env=data.env(url)) as base:
            cookie, _ = respondent_session(base, token)
            page = base + f"/staff/{token}/questions/support_and_breaks"
            get = str(ROOT / "bench" / "get.lua")
            run_wrk(page, WARMUP_SECONDS, P1_CONNECTIONS, script=get,
                    env={"BENCH_COOKIE": cookie})
            runs.append(run_wrk(page, each, P1_CONNECTIONS, script=get,
                                env={"BENCH_COOKIE": cookie}))
        with gunicorn(BASELINE, workers=WORKERS, env=data.env(url)) as base:
            run_wrk(base + "/", WARMUP_SECONDS, P1_CONNECTIONS)
            baseline.append(run_wrk(base + "/", each, P1_CONNECTIONS))
    rate, base_rate = median([r.rate for r in runs]), median([r.rate for r in baseline])
    p99 = median([r.p99_ms for r in runs])
    errors = sum(r.errors + r.non_2xx for r in runs)
    return [Figure("P2", "survey page GET", rate, "req/s", "≥ 400 req/s, p99 ≤ 60 ms",
                   rate >= 400 and p99 <= 60 and errors == 0,
                   round(rate / base_rate, 3) if base_rate else None,
                   {"p50_ms": median([r.p50_ms for r in runs]), "p99_ms": p99, "errors": errors,
                    "connections": P1_CONNECTIONS, "workers": WORKERS,
                    "baseline": "minimal Flask GET returning 'ok'", "baseline_rate": base_rate})]

"""Past one machine, on PostgreSQL: one app server against two, and a streaming read replica.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/hwb python bench/scaleout.py
        [--seconds S] [--responses N] [--orgs M]

Against the PostgreSQL server DATABASE_URL names (its data set database, as bench/run.py
builds it), this makes a streaming replica on loopback (bench/replica.py) and starts gunicorn
(BENCH_WORKERS sync workers each, the real app plus P1's route), then a second one beside it on
another port, standing for two machines; both have DATABASE_URL and DATABASE_READ_URL as a
deployment would. Then, run after run (BENCH_RUNS, the one-server and two-server measurements
taking turns):

- J1, the journey page by page (bench/journey_bench.py), BENCH_CLIENTS client processes per
  app server, each client on one server's port;
- P1, the one-request submission, one wrk per app server (8 connections each);

with every journey and every acknowledged submission stored and counted once (`lost` 0), and
then P3, the dashboards (org results page, ICS page, system results page), in process, read
from the replica and, as the baseline in the same run, from the primary. Figures go to
bench/results/latest.json (ids SCALE-*) with the load average. S seconds of load per run of
each (default 20); a smoke run: --seconds 2 --responses 1500 --orgs 4 with BENCH_RUNS=1.

The bar (two app servers >= 1.7x one) needs two machines' worth of CPU: see bench/README.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from common import ROOT, Figure, gunicorn, median, on_postgres, run_wrk, save  # noqa: E402
from dataset import BIG, dataset  # noqa: E402
from http_bench import (  # noqa: E402
    APP,
    P1_CONNECTIONS,
    RUNS,
    WARMUP_SECONDS,
    WORKERS,
    open_wave,
    respondent_session,
    stored,
)
from inproc_bench import child  # noqa: E402
from journey_bench import CLIENTS, _client, _percentile  # noqa: E402
from replica import catch_up, rows_read, streaming_replica  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

BAR = 1.7


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def journeys(bases: list[str], url: str, token: str, seconds: int) -> dict:
    """J1 against these servers, CLIENTS client processes on each."""
    jobs = [(bases[i % len(bases)], token, seconds) for i in range(CLIENTS * len(bases))]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        pool.map(_client, [(base, tok, 1) for base, tok, _ in jobs])  # warm-up
        time.sleep(0.5)
        before = stored(url, token)
        started = time.monotonic()
        results = pool.map(_client, jobs)
        took = time.monotonic() - started
        time.sleep(0.5)
        after = stored(url, token)
    done, failed = sum(r[0] for r in results), sum(r[1] for r in results)
    pages: dict = defaultdict(list)
    for _, _, times in results:
        for name, values in times.items():
            pages[name] += values
    return {"rate": done / took, "done": done, "failed": failed,
            "lost": abs(after[0] - before[0] - done) + abs(after[1] - before[1] - done),
            "p99_ms": max((_percentile(v, 0.99) for v in pages.values()), default=0.0),
            "clients": len(jobs), "load_average_1m": _load()}


def submissions(bases: list[str], url: str, token: str, seconds: int) -> dict:
    """P1 against these servers: one wrk each, run at the same time."""
    path = f"/bench/staff/{token}/submit"
    sessions = [respondent_session(base, token) for base in bases]

    def one(base: str, session: tuple[str, str], secs: int):
        cookie, csrf = session
        return run_wrk(base + path, secs, P1_CONNECTIONS,
                       script=str(ROOT / "bench" / "submit.lua"),
                       env={"BENCH_COOKIE": cookie, "BENCH_CSRF": csrf, "BENCH_PATH": path,
                            "BENCH_PREFIX": uuid.uuid4().hex[:12]})

    def load(secs: int):
        with ThreadPoolExecutor(len(bases)) as pool:
            return list(pool.map(lambda pair: one(*pair, secs), zip(bases, sessions, strict=True)))

    load(WARMUP_SECONDS)
    time.sleep(1)  # requests in flight when wrk stopped finish
    before = stored(url, token)
    runs = load(seconds)
    time.sleep(1)
    after = stored(url, token)
    acknowledged = sum(r.counters.get("ACKNOWLEDGED", 0) for r in runs)
    new, counted = after[0] - before[0], after[1] - before[1]
    return {"rate": sum(r.rate for r in runs), "acknowledged": acknowledged, "stored": new,
            "counted": counted, "lost": max(acknowledged - new, 0) + abs(counted - new),
            "errors": sum(r.errors + r.non_2xx for r in runs),
            "p99_ms": max(r.p99_ms for r in runs), "connections": P1_CONNECTIONS * len(bases),
            "load_average_1m": _load()}


def dashboards(primary: str, replica: str, runs: int) -> tuple[dict, dict, dict]:
    """P3 in process, read from the replica, then from the primary (the baseline); and rows
    each server read during the replica's turn, to show which one served it."""
    # The benchmark's reader signs in (a POST that writes) and reads at once: without this it
    # would read the primary for READ_YOUR_WRITES_SECONDS, as a person who just wrote does.
    extra = {"DATABASE_READ_URL": replica, "HWB_READ_YOUR_WRITES_SECONDS": "0"}
    saved = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        read_before = rows_read(replica), rows_read(primary)
        from_replica, _ = child("pages", primary, runs)
        time.sleep(1.5)  # statistics reach pg_stat_database within a second
        read = {"replica": rows_read(replica) - read_before[0],
                "primary": rows_read(primary) - read_before[1]}
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    from_primary, _ = child("pages", primary, runs)
    return from_replica, from_primary, read


def _ms(entry: dict) -> float:
    if entry["status"] != 200:
        raise RuntimeError(f"{entry['path']} answered HTTP {entry['status']}: nothing measured")
    return median(entry["times"]) * 1000


def _scale_figures(name: str, unit: str, one: list[dict], two: list[dict]) -> list[Figure]:
    rate_one, rate_two = median([r["rate"] for r in one]), median([r["rate"] for r in two])
    ratio = rate_two / rate_one if rate_one else 0.0
    lost = sum(r["lost"] for r in one + two)
    bad = sum(r.get("failed", 0) + r.get("errors", 0) for r in one + two)
    fid = f"SCALE-{name}"
    return [
        Figure(f"{fid}-one", f"{name}, one app server (PostgreSQL)", rate_one, unit,
               "reference for the two-server figure", True, None, {"runs": one}),
        Figure(f"{fid}-two", f"{name}, two app servers (PostgreSQL)", rate_two, unit,
               "reference: two app servers", True, None, {"runs": two}),
        Figure(fid, f"{name}, two app servers over one", ratio, "×",
               f"≥ {BAR}× one app server, 0 lost", ratio >= BAR and lost == 0 and bad == 0,
               round(ratio, 3), {"lost": lost, "failed_or_errors": bad, "cpus": os.cpu_count(),
                                 "one": rate_one, "two": rate_two})]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20, help="load per run of each")
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--orgs", type=int, default=200)
    args = parser.parse_args(argv)
    if not on_postgres():
        raise SystemExit("bench/scaleout.py measures PostgreSQL: set DATABASE_URL to a "
                         "postgresql:// URL of a server that accepts replication connections")
    if args.orgs < 4:
        parser.error("--orgs must be at least 4")
    data = dataset(args.responses, args.orgs)
    with ThreadPoolExecutor(2) as pool:  # each is a CLI run, seconds of start-up: side by side
        j1_token, p1_token = pool.map(lambda org: open_wave(data.url, org),
                                      (f"{BIG}0001", f"{BIG}0002"))
    database = make_url(data.url).database
    print(f"-- replica of {make_url(data.url).render_as_string()}", flush=True)
    with streaming_replica(data.url) as replica_server:
        replica = make_url(replica_server).set(database=database).render_as_string(
            hide_password=False)
        env = {**data.env(data.url), "DATABASE_READ_URL": replica}
        results: dict = {"J1": {1: [], 2: []}, "P1": {1: [], 2: []}}

        def measure(run: int, bases: list[str]) -> None:
            print(f"-- run {run + 1}: {len(bases)} app server(s)", flush=True)
            for name, how, token in (("J1", journeys, j1_token), ("P1", submissions, p1_token)):
                results[name][len(bases)].append(how(bases, data.url, token, args.seconds))

        for run in range(RUNS):
            # The first server stays up for the two-server turn, a start fewer per run: each
            # turn warms its servers up before it measures, so none is measured cold.
            with gunicorn(APP, workers=WORKERS, env=env, probe="/") as first:
                measure(run, [first])
                with gunicorn(APP, workers=WORKERS, env=env, probe="/") as second:
                    measure(run, [first, second])
        caught_up = catch_up(data.url, replica)
        print("-- P3 from the replica, then from the primary", flush=True)
        from_replica, from_primary, read = dashboards(data.url, replica,
                                                      10 if args.seconds >= 10 else 3)
    figures = (_scale_figures("J1", "journeys/s", results["J1"][1], results["J1"][2])
               + _scale_figures("P1", "submissions/s", results["P1"][1], results["P1"][2]))
    for key, name in (("org", "org results page"), ("ics", "ICS compilation page"),
                      ("system_results", "system results page")):
        ms, base = _ms(from_replica[key]), _ms(from_primary[key])
        figures.append(Figure(
            f"SCALE-P3-{key}", f"{name} read from the replica", ms, "ms",
            "≤ 200 ms median (the system page: none)", ms <= 200 or key == "system_results",
            round(ms / base, 2) if base else None,
            {"path": from_replica[key]["path"], "primary_ms": base,
             "rows_read_during_replica_run": read, "replica_caught_up_after_s":
             round(caught_up, 2), "load_average_1m": from_replica[key]["load_average_1m"],
             "baseline": "the same page read from the primary, same run"}))
    save(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python bench/run.py all` works end to end on a tiny data set: every benchmark runs, reads
what it should, and loses nothing. Timings are not judged here (the bars are for `make bench` on
a quiet machine); what is judged is that the benchmarks still measure the app at all, since a
change to the app (a session cookie's name, a sign-in step) once broke them without a sound."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.paths import ROOT

IDS = {"DATA", "P1", "P2", "P3", "P3-ics", "P3-system", "P4", "P4-memory", "P5", "P5-memory",
       "P6", "R5-audit", "J1"}


@pytest.mark.sqlite_only  # on PostgreSQL, tests/bench/test_scaleout_smoke.py (tests/README.md)
def test_every_benchmark_runs_and_loses_nothing(wrk, tmp_path):
    # Six organisations for P4: its first PDF makes the system's audited release (minutes at 44).
    env = {**os.environ, "BENCH_RESULTS_DIR": str(tmp_path), "BENCH_RUNS": "1",
           "BENCH_PDF_ORGS": "6"}
    done = subprocess.run(
        [sys.executable, "bench/run.py", "all", "--seconds", "2", "--responses", "1500",
         "--orgs", "4"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "tracebacks" not in done.stdout, done.stdout  # gunicorn logged a server error
    figures = {f["id"]: f for f in json.loads((tmp_path / "latest.json").read_text())}
    assert set(figures) == IDS

    for fid in ("P1", "P6"):
        detail = figures[fid]["detail"]
        assert detail["errors"] == 0, (fid, detail)
        assert detail["acknowledged"] > 0, (fid, detail)
        # Every acknowledged submission stored, and counted exactly once.
        assert detail["stored"] >= detail["acknowledged"], (fid, detail)
        assert detail["counted"] == detail["stored"], (fid, detail)
    assert figures["P1"]["baseline_ratio"] > 0 and figures["P1"]["detail"]["baseline_rate"] > 0
    assert figures["P2"]["detail"]["errors"] == 0 and figures["P2"]["value"] > 0
    # Whole journeys, page by page: none failed, each stored and counted once.
    journeys = figures["J1"]
    assert journeys["value"] > 0 and journeys["detail"]["baseline_rate"] > 0, journeys
    assert journeys["detail"]["failed"] == 0 and journeys["detail"]["lost"] == 0, journeys
    assert "thank-you" in journeys["detail"]["p99_ms"], journeys
    for fid in ("P3", "P3-ics", "P3-system"):
        assert figures[fid]["detail"]["status"] == 200, figures[fid]
        assert figures[fid]["detail"]["bytes"] > 1000, figures[fid]
    assert figures["P4"]["detail"]["bytes"] > 1000
    assert figures["P5"]["detail"]["rows"] == 1500
    for fid in ("P4-memory", "P5-memory"):
        assert figures[fid]["value"] > 0
    # The audited system release was made over every organisation's wave, and published.
    assert figures["R5-audit"]["detail"]["status"] == "published", figures["R5-audit"]
    assert figures["R5-audit"]["value"] > 0


@pytest.mark.sqlite_only  # reads no database: its time is the theme model's (tests/README.md)
def test_the_theme_benchmarks_run():
    """Small versions of bench/themes_speed.py and bench/themes_quality.py print every figure."""
    env = {**os.environ, "THEMES_BENCH_COUNT": "2000", "THEMES_BENCH_RUNS": "1"}
    speed = subprocess.run([sys.executable, str(ROOT / "bench" / "themes_speed.py")], env=env,
                           capture_output=True, text=True, timeout=600, check=True).stdout
    for figure in ("themes_seconds", "peak_mb", "remap_seconds"):
        assert figure in speed
    assert "2,000 answers" in speed
    quality = subprocess.run([sys.executable, str(ROOT / "bench" / "themes_quality.py")],
                             capture_output=True, text=True, timeout=600, check=True).stdout
    assert quality.count("macro-F1") == 4


def test_a_database_url_the_benchmarks_cannot_use_is_refused_plainly(tmp_path):
    env = {**os.environ, "BENCH_RESULTS_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path}/mine.sqlite3"}
    done = subprocess.run([sys.executable, "bench/run.py", "P3"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "DATABASE_URL is sqlite:..., which the benchmarks cannot use" in done.stderr
    assert "Traceback" not in done.stderr and not list(tmp_path.glob("dataset-*"))

"""P3 pages with 1M responses present, P4 the ICS PDF, P5 the streamed CSV export.

Each runs bench/inproc.py in a child process (the real app and Flask's test client: server-side
time, no network) and reads the child's peak resident memory from the kernel (wait4)."""

from __future__ import annotations

import json
import os
import subprocess

from common import PYTHON, ROOT, Figure, median
from dataset import PDF_ORGS, Dataset, dataset

PAGE_RUNS = 10


def child(task: str, url: str, runs: int) -> tuple[dict, float]:
    """(the child's JSON result, its peak RSS in MB)."""
    proc = subprocess.Popen([PYTHON, str(ROOT / "bench" / "inproc.py"), task, url, str(runs)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "DATABASE_URL": url,
                                 "SECRET_KEY": "bench-secret-key-not-for-use"})
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"bench/inproc.py {task} failed ({proc.returncode})")
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT ")), usage.ru_maxrss / 1024  # KB on Linux


def _answered(entry: dict, what: str) -> None:
    """A page that did not answer 200 (a sign-in redirect, an error) measured nothing: stop."""
    if entry["status"] != 200:
        raise RuntimeError(f"{what} answered HTTP {entry['status']}, not 200: nothing measured")


def _ms(entry: dict, key: str = "times") -> float:
    return median(entry[key]) * 1000


def p3(data: Dataset, seconds: int) -> list[Figure]:
    data.warm()
    result, _rss = child("pages", data.url, PAGE_RUNS if seconds >= 10 else 3)
    base = _ms(result["baseline"])
    for key in ("baseline", "org", "ics", "system_results"):
        _answered(result[key], result[key]["path"])
    figures = []
    for fid, key, name in [("P3", "org", "org staff-voice results page"),
                           ("P3-ics", "ics", "ICS compilation page"),
                           ("P3-system", "system_results",
                            "system staff-voice results page (200 organisations)")]:
        ms = _ms(result[key])
        figures.append(Figure(fid, f"{name}, {result['responses']:,} responses present", ms,
                              "ms", "≤ 200 ms median, server side", ms <= 200,
                              round(ms / base, 2) if base else None,
                              {"path": result[key]["path"], "status": result[key]["status"],
                               "bytes": result[key]["bytes"],
                               "times_ms": [t * 1000 for t in result[key]["times"]],
                               "cpu_ms": _ms(result[key], "cpu_times"),
                               "load_average_1m_after": result[key]["load_average_1m"],
                               "baseline": "GET / (home page), same process", "baseline_ms": base,
                               "largest_wave_responses": result["largest_wave_responses"]}))
    return figures


def p4(data: Dataset, seconds: int) -> list[Figure]:
    result, rss = child("pdf", data.url, 3 if seconds >= 10 else 1)
    _answered(result["pdf"], "the ICS PDF")
    _answered(result["html"], "the ICS page (the baseline)")
    pdf_s, html_s = median(result["pdf"]["times"]), median(result["html"]["times"])
    return [Figure("P4", f"ICS PDF report for {PDF_ORGS} organisations", pdf_s, "s", "≤ 3 s",
                   pdf_s <= 3, round(pdf_s / html_s, 2) if html_s else None,
                   {"bytes": result["pdf"]["bytes"], "times_s": result["pdf"]["times"],
                    "cpu_s": median(result["pdf"]["cpu_times"]),
                    "load_average_1m_after": result["pdf"]["load_average_1m"],
                    "baseline": "the same compilation as an HTML page", "baseline_s": html_s}),
            Figure("P4-memory", "ICS PDF peak memory (whole process, max RSS)", rss, "MB",
                   "≤ 300 MB", rss <= 300, None, {})]


def p5(data: Dataset, seconds: int) -> list[Figure]:
    consult = dataset(data.responses, 1, consultation=True)
    result, rss = child("export", consult.url, 3 if seconds >= 30 else 1)
    runs = result["export"]
    for run in runs:
        _answered(run, "the consultation CSV download")
    rows = runs[0]["lines"] - 1  # the header
    rate = median([(r["lines"] - 1) / r["seconds"] for r in runs])
    base = median([r["rows"] / r["seconds"] for r in result["baseline"]])
    return [Figure("P5", f"streamed CSV export of {rows:,} consultation responses", rate,
                   "rows/s", "≥ 50,000 rows/s", rate >= 50_000,
                   round(rate / base, 3) if base else None,
                   {"rows": rows, "bytes": runs[0]["bytes"],
                    "seconds": [r["seconds"] for r in runs],
                    "baseline": "the same answers read with one SQL query through csv.writer",
                    "baseline_rows_per_s": base}),
            Figure("P5-memory", "CSV export peak memory (whole process, max RSS)", rss, "MB",
                   "≤ 200 MB, flat", rss <= 200, None, {})]


def r5_audit(data: Dataset, seconds: int) -> list[Figure]:
    """R5's bar for the audit: a 200-organisation system release in <= 10 s on 2 cores."""
    result, rss = child("audit", data.url, 3 if seconds >= 10 else 1)
    made, base = median(result["release"]), median(result["baseline"])
    return [Figure("R5-audit", f"audited system release of {result['waves']} organisations, "
                   f"{data.responses:,} responses present", made, "s", "≤ 10 s", made <= 10,
                   round(made / base, 2) if base else None,
                   {"times_s": result["release"], "status": result["status"],
                    "hidden_figures": result["hidden"], "peak_rss_mb": rss,
                    "baseline": "reading the kept counts the audit reads",
                    "baseline_s": base})]

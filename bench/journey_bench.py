"""J1 the staff-voice journey as a browser walks it: client processes on the same machine, each
a new respondent after another (no cookies carried over), GET and POST every real page of the
real survey over HTTP with its CSRF token, against gunicorn.

One journey: the start page, its "Start now" link, the four question pages (each a POST, then
the GET it redirects to), check your answers, send, thank you: 12 requests. Figures: complete
journeys a second, p50/p99 per page, failures, and every journey stored and counted once. The
baseline, in the same run, is P2's bare page (a minimal Flask GET) walked by the same client, as
pages a second; the ratio compares pages a second.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import time
from collections import defaultdict

from common import Figure, gunicorn, median
from dataset import BIG, Dataset, writable
from http_bench import APP, BASELINE, RUNS, WORKERS, open_wave, stored

CLIENTS = int(os.environ.get("BENCH_CLIENTS", 4))
LIKERT = "agree"
PAGES = [
    ("your_band", {"band": "3"}),
    ("about_you", {"staff_group": "admin_and_clerical", "shift_pattern": "nights"}),
    ("support_and_breaks", {q: LIKERT for q in (
        "knows_where_to_get_support", "support_on_my_shift", "look_after_my_health",
        "break_space", "hot_food_at_night")}),
    ("team_and_voice", {**{q: LIKERT for q in (
        "manager_wellbeing_conversations", "team_supports_each_other", "feel_recognised",
        "surveys_confidential", "views_acted_on")}, "what_would_help": "More rest space"}),
]
COOKIE = re.compile(r"((?:__Host-)?hwb_session=[^;]*)")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')
START = re.compile(r'<a class="nhsuk-button" href="([^"]+)"')


class Failed(Exception):
    pass


class Browser:
    """One respondent's keep-alive connection and cookie; times each request by page name."""

    def __init__(self, host: str, port: int, times: dict):
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.cookie = ""
        self.times = times

    def send(self, name: str, method: str, path: str, form: dict | None = None,
             expect: int = 200) -> tuple[str, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in form.items())
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        html = response.read().decode()
        self.times[name].append((time.perf_counter() - started) * 1000)
        if response.status != expect:
            raise Failed(f"{method} {path}: {response.status}, wanted {expect}")
        found = COOKIE.search(response.getheader("Set-Cookie") or "")
        self.cookie = found.group(1) if found else self.cookie
        return html, response.getheader("Location") or ""


def journey(browser: Browser, token: str) -> None:
    base = f"/staff/{token}"
    start, _ = browser.send("start", "GET", f"{base}/")
    html, _ = browser.send("your_band", "GET", START.search(start).group(1))
    for page, answers in PAGES:
        csrf = CSRF.search(html).group(1)
        _, where = browser.send(f"{page} POST", "POST", f"{base}/questions/{page}",
                                {**answers, "csrf_token": csrf, "action": "continue"}, 302)
        following = where.rsplit("/", 1)[-1]
        html, _ = browser.send(following, "GET", where)
    form = {"csrf_token": CSRF.search(html).group(1), "submission_key": KEY.search(html).group(1)}
    _, where = browser.send("send POST", "POST", f"{base}/check-your-answers", form, 302)
    browser.send("thank-you", "GET", where)


def _client(args) -> tuple[int, int, dict]:
    """One client process: journeys until the deadline; (done, failed, times by page)."""
    base, token, seconds = args
    host, port = base.removeprefix("http://").split(":")
    times: dict = defaultdict(list)
    done = failed = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        browser = Browser(host, int(port), times)  # a new respondent: a new cookie jar
        try:
            journey(browser, token)
            done += 1
        except (Failed, OSError, AttributeError, http.client.HTTPException):
            failed += 1
        finally:
            browser.conn.close()
    return done, failed, dict(times)


def _bare(args) -> tuple[int, int, dict]:
    """The baseline client: the bare page, again and again, on one connection."""
    base, _, seconds = args
    host, port = base.removeprefix("http://").split(":")
    times: dict = defaultdict(list)
    browser = Browser(host, int(port), times)
    deadline = time.monotonic() + seconds
    done = failed = 0
    while time.monotonic() < deadline:
        try:
            browser.send("bare", "GET", "/")
            done += 1
        except (Failed, OSError, http.client.HTTPException):
            failed += 1
            browser = Browser(host, int(port), times)
    return done, failed, dict(times)


def _walk(work, base: str, token: str, seconds: int) -> tuple[int, int, dict, float]:
    with multiprocessing.get_context("fork").Pool(CLIENTS) as pool:
        started = time.monotonic()
        results = pool.map(work, [(base, token, seconds)] * CLIENTS)
        took = time.monotonic() - started
    times: dict = defaultdict(list)
    for _, _, each in results:
        for name, values in each.items():
            times[name] += values
    return sum(r[0] for r in results), sum(r[1] for r in results), times, took


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def j1(data: Dataset, seconds: int) -> list[Figure]:
    url = writable(data)
    token = open_wave(url, f"{BIG}0001")  # a wave of its own, in an organisation P1 also uses
    each = max(seconds // RUNS, 1)
    rates, bare_rates, failed, lost, pages = [], [], 0, 0, defaultdict(list)
    for _ in range(RUNS):
        with gunicorn(APP, workers=WORKERS, env=data.env(url), probe="/") as base:
            _walk(_client, base, token, 1)  # warm-up: templates compiled, caches filled
            time.sleep(0.5)
            before = stored(url, token)
            done, bad, times, took = _walk(_client, base, token, each)
            time.sleep(0.5)
            after = stored(url, token)
        rates.append(done / took)
        failed += bad
        lost += abs((after[0] - before[0]) - done) + abs((after[1] - before[1]) - done)
        for name, values in times.items():
            pages[name] += values
        with gunicorn(BASELINE, workers=WORKERS, env=data.env(url)) as base:
            _walk(_bare, base, token, 1)
            bare, _, _, took = _walk(_bare, base, token, each)
        bare_rates.append(bare / took)
    rate, bare_rate = median(rates), median(bare_rates)
    per_journey = 12
    p99 = {name: round(_percentile(v, 0.99), 1) for name, v in pages.items()}
    worst = max(p99.values(), default=0.0)
    ratio = rate * per_journey / bare_rate if bare_rate else 0.0
    met = rate >= 60 and worst <= 100 and failed == 0 and lost == 0
    return [Figure("J1", "staff-voice journey, page by page", rate, "journeys/s",
                   "≥ 60 journeys/s, p99 ≤ 100 ms every page, 0 failed, each stored once", met,
                   round(ratio, 3),
                   {"clients": CLIENTS, "workers": WORKERS, "seconds_per_run": each,
                    "runs": [round(r, 1) for r in rates], "failed": failed, "lost": lost,
                    "pages_per_journey": per_journey,
                    "p50_ms": {n: round(_percentile(v, 0.5), 1) for n, v in pages.items()},
                    "p99_ms": p99, "baseline": "P2's bare page, pages/s, same client",
                    "baseline_rate": round(bare_rate, 1)})]

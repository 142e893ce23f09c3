"""R1 soak: gunicorn on loopback under a write load, killed with SIGKILL (master and workers) at
random moments, restarted, again and again. Clients answer a staff-voice survey and a consultation
through the real pages (CSRF tokens, drafts, check your answers) and, when a final POST gets no
answer, retry it with the same submission key until the server acknowledges it.

Afterwards every acknowledged submission must be stored exactly once, no submission may be stored
that was never acknowledged, the staff-voice counts must match the stored responses, and on
SQLite `PRAGMA integrity_check` must say ok.

Run by tests/reliability/test_soak.py (short in the suite, full by `make soak`), or directly:
    .venv/bin/python -m tests.reliability.soak --kills 100
"""

from __future__ import annotations

import http.client
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.support.paths import ROOT

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
KEY = re.compile(r'name="submission_key" value="([^"]+)"')
ACKS = ("/thank-you", "/confirmation")

STAFF_PAGES = [
    ("your_band", {"band": "3"}),
    ("about_you", {"staff_group": "admin_and_clerical", "shift_pattern": "nights"}),
    ("support_and_breaks", {"knows_where_to_get_support": "agree",
                            "support_on_my_shift": "disagree", "look_after_my_health": "neither",
                            "break_space": "agree", "hot_food_at_night": "disagree"}),
    ("team_and_voice", {"manager_wellbeing_conversations": "strongly_agree",
                        "team_supports_each_other": "agree", "feel_recognised": "disagree",
                        "surveys_confidential": "agree", "views_acted_on": "neither",
                        "what_would_help": "{marker}"}),
]
REVIEW_PAGES = [
    ("about_you", {"respondent_type": "nhs_provider", "organisation_name": "Trust A",
                   "role": "Wellbeing lead"}),
    ("framework_use", {"used_framework": "yes", "used_diagnostic": "no",
                       "how_used": ["planning"], "what_helped": "{marker}"}),
    ("refresh_priorities", {"priority_reach_all_staff": "agree",
                            "priority_system_working": "strongly_agree",
                            "priority_measuring_impact": "neither"}),
    ("publishing", {"publish_consent": "do_not_publish"}),
]


class Down(Exception):
    """The server did not answer (killed, restarting)."""


class Client:
    """A browser, minimally: one cookie jar, no redirects followed."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, data: dict | None = None):
        body = urlencode(data or {}, doseq=True)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            conn.request(method, path, body if method == "POST" else None, headers)
            response = conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException) as exc:
            raise Down(str(exc)) from exc
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""') or "Expires=Thu, 01 Jan 1970" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.status >= 500:
            raise ServerError(f"{method} {path}: {response.status}")
        return response.status, urlsplit(response.headers.get("Location", "")).path, text


class ServerError(Exception):
    """A 5xx: never acceptable, even while the server is being killed."""


@dataclass
class Journey:
    kind: str
    base: str  # /staff/<token> or /consultations/<id>
    start: list[str]
    pages: list[tuple[str, dict]]
    acknowledged: list[str] = field(default_factory=list)


def fill(data: dict, marker: str) -> dict:
    return {k: (v.format(marker=marker) if isinstance(v, str) else v) for k, v in data.items()}


def answer(port: int, journey: Journey, marker: str) -> None:
    """Answer from the start until acknowledged; the final POST is retried with the same key."""
    while True:
        client = Client(port)
        try:
            for path in journey.start:
                client.request("GET", path)
            for page_id, data in journey.pages:
                url = f"{journey.base}/questions/{page_id}"
                _, _, html = client.request("GET", url)
                token = TOKEN.search(html).group(1)
                status, location, _ = client.request(
                    "POST", url, {**fill(data, marker), "csrf_token": token, "action": "continue"})
                if status != 302:
                    raise Down(f"page {page_id} answered {status}")
            status, _, html = client.request("GET", f"{journey.base}/check-your-answers")
            key, token = KEY.search(html).group(1), TOKEN.search(html).group(1)
        except (Down, AttributeError):
            time.sleep(0.05)
            continue  # nothing was submitted yet: start again
        for _ in range(600):
            try:
                status, location, _ = client.request(
                    "POST", f"{journey.base}/check-your-answers",
                    {"submission_key": key, "csrf_token": token})
            except Down:
                time.sleep(0.05)
                continue
            if status == 302 and location.endswith(ACKS):
                journey.acknowledged.append(marker)
                return
            raise AssertionError(f"final POST answered {status} -> {location}")
        raise AssertionError("the server never came back")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until a worker answers a page: killing before then would test only connection refusals."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited on start")
        try:
            if Client(port).request("GET", "/accessibility")[0] == 200:
                return
        except Down:
            time.sleep(0.05)
    raise RuntimeError("gunicorn did not start")


def prepare(url: str) -> tuple[str, str]:
    """Schema, an organisation with an open wave, and the framework review forced open."""
    from datetime import timedelta

    from app import consultations, create_app
    from app.clock import today
    from app.definitions import get_survey
    from app.extensions import db
    from app.models import Organisation, System
    from app.staff_voice.waves import launch
    from tests.support import dbutil

    dbutil.migrate(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        system = System(code="QZ9", name="Soak ICS")
        org = Organisation(code="RS1", name="Soak Trust", type="trust", system=system)
        db.session.add_all([system, org])
        wave = launch(org, "staff_voice_bands_2_4", today() - timedelta(days=1),
                      today() + timedelta(days=30))
        consultations.open_now(get_survey("framework_review"))
        db.session.commit()
        token = wave.token
        db.engine.dispose()
    return token, "framework_review"


@dataclass
class Outcome:
    kills: int
    acknowledged: list[str]
    problems: list[str]


def check_database(url: str, acknowledged: list[str]) -> list[str]:
    """What is wrong with the stored data, if anything."""
    from sqlalchemy import create_engine, text

    problems = []
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = dict(conn.execute(text(
            "SELECT value, count(*) FROM response_answers WHERE value LIKE 'soak-%' "
            "GROUP BY value")).all())
        responses = conn.execute(text("SELECT count(*) FROM responses")).scalar_one()
        staff = conn.execute(text(
            "SELECT count(*) FROM responses WHERE wave_id IS NOT NULL")).scalar_one()
        counted = conn.execute(text(
            "SELECT coalesce(sum(n), 0) FROM staff_voice_respondents")).scalar_one()
        lost = [m for m in acknowledged if stored.get(m, 0) == 0]
        twice = [m for m, n in stored.items() if n > 1]
        unacknowledged = sorted(set(stored) - set(acknowledged))
        if lost:
            problems.append(f"{len(lost)} acknowledged submissions lost: {lost[:5]}")
        if twice:
            problems.append(f"{len(twice)} submissions stored more than once: {twice[:5]}")
        if unacknowledged:
            problems.append(f"{len(unacknowledged)} stored but never acknowledged")
        if responses != len(acknowledged):
            problems.append(f"{responses} responses for {len(acknowledged)} acknowledgements")
        if counted != staff:
            problems.append(f"staff-voice counts say {counted} respondents, {staff} stored")
        if engine.dialect.name == "sqlite":
            result = conn.execute(text("PRAGMA integrity_check")).scalar_one()
            if result != "ok":
                problems.append(f"integrity_check: {result}")
    engine.dispose()
    return problems


def run(url: str, workdir: Path, kills: int, clients: int = 4, seed: int | None = None,
        log=print) -> Outcome:
    seed = random.randrange(1 << 30) if seed is None else seed
    rng = random.Random(seed)
    log(f"soak: {kills} kills, {clients} clients, seed {seed}, {url.split('@')[-1]}")
    token, review = prepare(url)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "soak-secret", "HWB_LOCAL_DEV": "1",
           "PYTHONPATH": str(ROOT)}
    command = [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "30",
               "--no-control-socket", "--preload",
               "--error-logfile", str(workdir / "gunicorn.log"), "wsgi:app"]
    journeys = [Journey("staff_voice", f"/staff/{token}",
                        [f"/staff/{token}/", f"/staff/{token}/begin"], STAFF_PAGES),
                Journey("consultation", f"/consultations/{review}",
                        [f"/consultations/{review}/start"], REVIEW_PAGES)]
    stop = threading.Event()
    errors: list[str] = []

    def client_loop(n: int) -> None:
        journey = journeys[n % len(journeys)]
        try:
            while not stop.is_set():
                answer(port, journey, f"soak-{uuid.uuid4().hex}")
        except Exception as exc:  # noqa: BLE001 - reported as a problem below
            errors.append(f"client {n}: {exc!r}")

    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True)
               for n in range(clients)]
    done = 0
    try:
        wait_until_serving(port, server)
        for t in threads:
            t.start()
        while done < kills and not errors:
            time.sleep(rng.uniform(0.2, 3.0))
            os.killpg(server.pid, signal.SIGKILL)  # the master and every worker at once
            server.wait()
            done += 1
            server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
            wait_until_serving(port, server)
        stop.set()
        for t in threads:
            t.join(120)  # each client finishes the submission it is on
    finally:
        stop.set()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    acknowledged = [m for j in journeys for m in j.acknowledged]
    problems = errors + check_database(url, acknowledged)
    log(f"soak: {done} kills, {len(acknowledged)} acknowledged submissions, "
        f"problems: {problems or 'none'}")
    return Outcome(done, acknowledged, problems)


def main() -> None:
    import argparse
    import tempfile

    from tests.support import dbutil

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = dbutil.fresh_database(Path(tmp))
        try:
            outcome = run(url, Path(tmp), args.kills, args.clients, args.seed)
        finally:
            cleanup()
    sys.exit(1 if outcome.problems else 0)


if __name__ == "__main__":
    main()

"""Child process for P3, P4 and P5: the real app in-process, driven by Flask's test client, so
times are server side (no network) and the parent can read this process's peak memory.

    python bench/inproc.py TASK DATABASE_URL RUNS   (prints one JSON object)
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSWORD = "bench-password-not-for-use"  # noqa: S105 - only in the benchmark data set


def _app(url: str):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-use")
    from app import create_app

    app = create_app()
    app.config["SERVER_NAME"] = "localhost"
    return app


def _admin_client(app):
    """A test client signed in as a benchmark admin (created once in the data set)."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import User

    email = "bench-admin@example.org"
    with app.app_context():
        if db.session.scalar(select(User).where(User.email == email)) is None:
            user = User(email=email, name="Benchmark admin", role="admin", active=True)
            user.set_password(PASSWORD)
            db.session.add(user)
            db.session.commit()
    # Through the sign-in form, so the session is whatever the app's sign-in makes it. Requests
    # run outside any app context of ours, so each has its own, as under gunicorn (inside one,
    # they would share `g` and the database session: flask-login's user of one request would
    # be carried, detached, into the next).
    client = app.test_client()
    form = client.get("/sign-in").text
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    signed_in = client.post("/sign-in", data={"csrf_token": csrf, "email": email,
                                               "password": PASSWORD})
    if signed_in.status_code != 302:
        raise SystemExit(f"the benchmark admin could not sign in ({signed_in.status_code})")
    return client


CPU_TIMES: dict[str, list[float]] = {}  # path -> this process's CPU seconds of each GET


def _timed(client, path: str, runs: int) -> tuple[list[float], int, int]:
    """Server-side seconds of each GET after one warm-up, the status and the body size. The
    CPU seconds go to CPU_TIMES: on a shared machine they vary less than wall time."""
    first = client.get(path)
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        body = response.get_data()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU_TIMES[path] = cpu
    return times, first.status_code, len(body)


def pages(url: str, runs: int) -> dict:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Organisation, Response, System
    from app.models.staff_voice import Wave

    app = _app(url)
    client = _admin_client(app)
    with app.app_context():
        system = db.session.scalar(select(System).where(System.code == "BZ9"))
        wave_id, _n = db.session.execute(
            select(Response.wave_id, func.count()).join(Wave, Wave.id == Response.wave_id)
            .join(Organisation, Organisation.id == Wave.organisation_id)
            .where(Organisation.system_id == system.id)
            .group_by(Response.wave_id).order_by(func.count().desc()).limit(1)).one()
        out = {"responses": db.session.scalar(select(func.count()).select_from(Response)),
               "largest_wave_responses": _n}
        paths = {"org": f"/staff-voice/waves/{wave_id}/results", "ics": "/ics/BZ9/",
                 "system_results": f"/staff-voice/systems/{system.id}/results"
                                   "?survey=staff_voice_bands_2_4",
                 "baseline": "/"}
    for name, path in paths.items():
        times, status, size = _timed(client, path, runs)
        out[name] = {"path": path, "times": times, "status": status, "bytes": size,
                     "cpu_times": CPU_TIMES[path], "load_average_1m": os.getloadavg()[0]}
    return out


def pdf(url: str, runs: int) -> dict:
    app = _app(url)
    out = {}
    client = _admin_client(app)
    for name, path in {"html": "/ics/BZ4/", "pdf": "/ics/BZ4/report.pdf"}.items():
        times, status, size = _timed(client, path, runs)
        out[name] = {"path": path, "times": times, "status": status, "bytes": size,
                     "cpu_times": CPU_TIMES[path], "load_average_1m": os.getloadavg()[0]}
    return out


def export(url: str, runs: int) -> dict:
    """Stream the consultation CSV download and, as the baseline, the same rows straight from
    the database through csv.writer."""
    from sqlalchemy import text

    from app.extensions import db

    app = _app(url)
    out = {"export": [], "baseline": []}
    client = _admin_client(app)
    path = "/admin/consultations/ics_wellbeing_offer/responses.csv"
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path, buffered=False)
        lines = size = 0
        for chunk in response.response:
            data = chunk if isinstance(chunk, bytes) else chunk.encode()
            lines += data.count(b"\n")
            size += len(data)
        response.close()
        out["export"].append({"seconds": time.perf_counter() - started, "lines": lines,
                              "bytes": size, "status": response.status_code})
    with app.app_context():
        for _ in range(runs):
            started = time.perf_counter()
            buffer, writer, count = io.StringIO(), None, 0
            writer = csv.writer(buffer)
            result = db.session.execute(text(
                "SELECT a.response_id, a.question_id, a.value FROM response_answers a "
                "JOIN responses r ON r.id = a.response_id WHERE r.kind = 'consultation' "
                "ORDER BY a.response_id, a.question_id, a.seq"),
                execution_options={"yield_per": 5000})
            last = None
            for rid, qid, value in result:
                writer.writerow((rid, qid, value))
                if rid != last:
                    count, last = count + 1, rid
                if buffer.tell() > 65536:
                    buffer.seek(0)
                    buffer.truncate()
            db.session.rollback()
            out["baseline"].append({"seconds": time.perf_counter() - started, "rows": count})
    return out


def audit(url: str, runs: int) -> dict:
    """The system release of the 200-organisation system, audited against every wave release
    (made first, untimed) and nothing else: each run deletes it and makes it again. Baseline:
    reading the same counts the audit reads."""
    from sqlalchemy import delete, select

    from app.analysis import releases
    from app.clock import today
    from app.definitions import get_survey
    from app.extensions import db
    from app.models import Organisation, System
    from app.models.release import Release
    from app.staff_voice.closing import latest_closed_waves

    app = _app(url)
    out: dict = {"release": [], "baseline": []}
    with app.app_context():
        system = db.session.scalar(select(System).where(System.code == "BZ9"))
        org_ids = list(db.session.scalars(select(Organisation.id)
                                          .where(Organisation.system_id == system.id)))
        survey = get_survey("staff_voice_bands_2_4", kind="staff_voice")
        waves = latest_closed_waves(org_ids, survey.id, today())
        org = waves[0].organisation
        from app.definitions import for_wave

        for wave in waves:  # the wave releases exist before any system release is asked for
            releases.release_wave(wave, for_wave(wave), today())
        for _ in range(runs):
            made = select(Release.id).where(Release.kind == "system",
                                            Release.scope == releases.scope_of(org))
            db.session.execute(delete(releases.ReleaseFigure).where(
                releases.ReleaseFigure.release_id.in_(made)))
            db.session.execute(delete(Release).where(Release.id.in_(made)))
            db.session.commit()
            started = time.perf_counter()
            made = releases.release_system(org, survey, waves, today())
            out["release"].append(time.perf_counter() - started)
            out["status"], out["waves"] = made.status, len(made.wave_ids)
            out["hidden"] = sum(1 for f in db.session.scalars(
                select(releases.ReleaseFigure).where(
                    releases.ReleaseFigure.release_id == made.id)) if f.n is None)
            started = time.perf_counter()
            releases._truth({w.id for w in waves})
            out["baseline"].append(time.perf_counter() - started)
    return out


if __name__ == "__main__":
    task, database, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    result = {"pages": pages, "pdf": pdf, "export": export, "audit": audit}[task](database, n)
    print("RESULT " + json.dumps(result))

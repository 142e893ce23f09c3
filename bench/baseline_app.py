"""The P1 baseline: a minimal Flask endpoint that only inserts the same rows a staff-voice
submission writes (one response, its answers, the count upserts), into the same database, with
no session, CSRF, validation, templates or definition lookups."""

from __future__ import annotations

import os
from collections import Counter
from secrets import randbelow

from flask import Flask, request
from sqlalchemy import create_engine, event, text

from app import clock
from app.config import database_url

ANSWERED = "*"
ANONYMOUS_LOW, ANONYMOUS_HIGH = 2**40, 2**48  # as app/runner/store.py
engine = create_engine(database_url(os.environ.get("HWB_INSTANCE", "instance")))
SQLITE = engine.dialect.name == "sqlite"

if SQLITE:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we send BEGIN IMMEDIATE ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

app = Flask(__name__)
WAVE = {}


def _wave(conn, token: str) -> tuple:
    if token not in WAVE:
        WAVE[token] = tuple(conn.execute(text(
            "SELECT id, organisation_id, snapshot_id, survey_id FROM staff_voice_waves "
            "WHERE token = :t"), {"t": token}).one())
    return WAVE[token]


UPSERT_COUNT = text(
    "INSERT INTO staff_voice_counts (wave_id, band, question_id, value, n) "
    "VALUES (:w, :b, :q, :v, :n) ON CONFLICT (wave_id, band, question_id, value) "
    "DO UPDATE SET n = staff_voice_counts.n + excluded.n")
UPSERT_BAND = text(
    "INSERT INTO staff_voice_respondents (wave_id, band, n) VALUES (:w, :b, 1) "
    "ON CONFLICT (wave_id, band) DO UPDATE SET n = staff_voice_respondents.n + 1")


@app.get("/")
def alive():
    return "ok"


@app.post("/bench/staff/<token>/submit")
def submit(token: str):
    form = request.form
    answers = {k: v for k, v in form.items() if k not in ("csrf_token", "submission_key") and v}
    band = answers.get("band", "")
    with engine.begin() as conn:
        wave_id, org_id, snapshot_id, survey_id = _wave(conn, token)
        # A random id, as the app gives an anonymous response (app/runner/store.py).
        rid = conn.execute(text(
            "INSERT INTO responses (id, snapshot_id, survey_id, kind, submitted_on, "
            "idempotency_key, organisation_id, wave_id) "
            "VALUES (:id, :s, :sv, 'staff_voice', :d, :k, :o, :w) "
            "ON CONFLICT (id) DO NOTHING RETURNING id"), {
                "id": ANONYMOUS_LOW + randbelow(ANONYMOUS_HIGH - ANONYMOUS_LOW),
                "s": snapshot_id, "sv": survey_id, "d": clock.today(),
                "k": form["submission_key"][:64], "o": org_id, "w": wave_id}).scalar_one()
        conn.execute(text("INSERT INTO response_answers (response_id, question_id, seq, value) "
                          "VALUES (:r, :q, 0, :v)"),
                     [{"r": rid, "q": q, "v": v} for q, v in answers.items()])
        pairs = Counter([(q, ANSWERED) for q in answers] + [(q, v) for q, v in answers.items()
                                                            if len(v) < 40])
        conn.execute(UPSERT_COUNT, [{"w": wave_id, "b": band, "q": q, "v": v, "n": n}
                                    for (q, v), n in sorted(pairs.items())])
        conn.execute(UPSERT_BAND, {"w": wave_id, "b": band})
    return "", 303, {"Location": f"/staff/{token}/thank-you"}

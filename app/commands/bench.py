"""`flask bench-data`: a synthetic national-scale data set for the benchmarks in bench/.

Organisations in one system, a closed staff-voice wave per organisation, N anonymous responses
spread across bands (some bands deliberately under the minimum group size), and a quick
diagnostic for every organisation. Responses and answers go in with the database driver's bulk
paths (sqlite3 executemany, PostgreSQL COPY); the kept counts are then built by app.analysis's
own rebuild, so only app/analysis ever turns answers into counts.
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

import click
from flask import Flask
from sqlalchemy import func, select

from app import definitions
from app.analysis.due import publish_due
from app.analysis.staff_voice import rebuild
from app.clock import today
from app.commands.groups import bars
from app.definitions import get_survey, snapshot_id_for
from app.demo.diagnostics import quarter
from app.diagnostic import cycles
from app.extensions import db
from app.models import ItemAnswer, Organisation, Response, System
from app.models.staff_voice import Wave
from app.runner.store import ANONYMOUS_LOW, anonymous_id, answer_rows
from app.staff_voice.waves import launch
from app.surveys.samples import AnswerMaker

SURVEY_ID = "staff_voice_bands_2_4"
CHUNK = 20_000  # responses per bulk insert and commit
# Relative sizes: trusts are big employers, GP practices small.
TYPES = [("trust", 30.0), ("gp_practice", 1.0), ("social_care", 3.0)]
# Respondents' groups by weight; any other audience group (the Band 2-4 equivalent) is smaller.
BAND_WEIGHTS = {"2": 0.3, "3": 0.4, "4": 0.3}
OTHER_GROUP_WEIGHT = 0.1


def plan_sizes(total: int, orgs: list, bands: tuple[str, ...], min_size: int,
               rng: random.Random) -> list[tuple[int, str, int]]:
    """(org index, band, responses) adding up to `total`. Every fifth organisation has one band
    with fewer than `min_size` responses, so suppression has something to do at scale."""
    small = {(i, bands[i % len(bands)]): rng.randint(1, min_size - 1)
             for i in range(0, len(orgs), 5)}
    rest = total - sum(small.values())
    if rest < len(orgs) * len(bands):
        raise click.ClickException("too few responses for that many organisations")
    groups = [(i, band) for i in range(len(orgs)) for band in bands if (i, band) not in small]
    weights = [dict(TYPES)[orgs[i].type] * BAND_WEIGHTS.get(band, OTHER_GROUP_WEIGHT)
               * rng.uniform(0.5, 1.5) for i, band in groups]
    share = [rest * w / sum(weights) for w in weights]
    sizes = [max(int(s), 1) for s in share]
    # Largest remainders first, so the total is exact.
    for k in sorted(range(len(groups)), key=lambda k: sizes[k] - share[k]):
        if sum(sizes) >= rest:
            break
        sizes[k] += 1
    sizes[sizes.index(max(sizes))] -= sum(sizes) - rest
    plan = [(i, band, n) for (i, band), n in zip(groups, sizes, strict=True)]
    return plan + [(i, band, n) for (i, band), n in small.items()]


def _answer_rows(maker: AnswerMaker, fixed: dict) -> list[tuple[str, int, str]]:
    """(question key, seq, value) rows of made-up answers, as app.runner.store writes them."""
    return answer_rows(maker.answers(fixed))


RESPONSE_COLUMNS = ("id", "snapshot_id", "survey_id", "kind", "submitted_on", "idempotency_key",
                    "organisation_id", "wave_id")
ANSWER_COLUMNS = ("response_id", "question_id", "seq", "value")
CONSULTATION_COLUMNS = ("response_id", "survey_id", "reference", "submitted_at",
                        "respondent_type", "respondent_name", "publish_consent")


def _staff_voice_rows(plan, waves, maker, taken: set[int], days: list, rng: random.Random):
    """Chunks of {table: (columns, rows)}, in random order across organisations, with random
    ids as the app gives anonymous responses (none of those in `taken`)."""
    jobs = [(i, band) for i, band, n in plan for _ in range(n)]
    rng.shuffle(jobs)
    for start in range(0, len(jobs), CHUNK):
        responses, answers = [], []
        for i, band in jobs[start:start + CHUNK]:
            rid = anonymous_id()
            while rid in taken:
                rid = anonymous_id()
            taken.add(rid)
            snapshot_id, survey_id, org_id, wave_id = waves[i]
            responses.append((rid, snapshot_id, survey_id, "staff_voice",
                              rng.choice(days).isoformat(), secrets.token_urlsafe(24),
                              org_id, wave_id))
            answers.extend((rid, q, seq, v) for q, seq, v in _answer_rows(maker, {"band": band}))
        yield {"responses": (RESPONSE_COLUMNS, responses),
               "response_answers": (ANSWER_COLUMNS, answers)}


def _consultation_rows(total: int, survey, snapshot_id: int, first_id: int, days: list,
                       rng: random.Random):
    maker = AnswerMaker(survey, rng)
    for start in range(first_id, first_id + total, CHUNK):
        responses, answers, extra = [], [], []
        for rid in range(start, min(start + CHUNK, first_id + total)):
            day = rng.choice(days)
            given = _answer_rows(maker, {})
            found = {q: v for q, _seq, v in given}
            responses.append((rid, snapshot_id, survey.id, "consultation", day.isoformat(),
                              secrets.token_urlsafe(24), None, None))
            answers.extend((rid, q, seq, v) for q, seq, v in given)
            extra.append((rid, survey.id, f"BEN-{rid:010d}", f"{day.isoformat()} 12:00:00",
                          found.get("respondent_type"), found.get("respondent_name"),
                          found.get("publish_consent")))
        yield {"responses": (RESPONSE_COLUMNS, responses),
               "response_answers": (ANSWER_COLUMNS, answers),
               "consultation_responses": (CONSULTATION_COLUMNS, extra)}


def _bulk_insert(chunks, bar) -> None:
    """Write each chunk with the driver's fastest path, one commit per chunk."""
    raw = db.engine.raw_connection()
    try:
        postgres = db.engine.dialect.name == "postgresql"
        cur = raw.cursor()
        if not postgres:
            cur.execute("PRAGMA cache_size=-262144")  # 256 MB: index upkeep stays in memory
        for chunk in chunks:
            if not postgres:
                cur.execute("BEGIN IMMEDIATE")
            for table, (columns, rows) in chunk.items():
                if postgres:
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    # Table and column names are the constants above, never input.
                    cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                                    f"VALUES ({', '.join('?' * len(columns))})", rows)
            raw.commit()
            bar.update(len(chunk["responses"][1]))
        if postgres:  # consultation ids count on from the sequence; random ones are above it
            cur.execute("SELECT setval(pg_get_serial_sequence('responses', 'id'), "
                        "(SELECT coalesce(max(id), 1) FROM responses WHERE id < %s))",
                        (ANONYMOUS_LOW,))
            raw.commit()
    finally:
        raw.close()


def _diagnostics(orgs, rng: random.Random) -> None:
    framework = definitions.diagnostic()
    for org in orgs:
        assessment = cycles.start(org, quarter(today()), "quick")
        for item in framework.items():
            assessment.answers.append(ItemAnswer(
                item_id=item.id, rating=rng.choice(("1", "2", "2", "3", "3", "na")), version=1,
                offer="", evidence="", evidence_links="", gaps=""))
    db.session.commit()


@click.command("bench-data")
@click.option("--responses", "total", type=click.IntRange(0), default=1_000_000, show_default=True,
              help="Staff-voice responses across the organisations' waves.")
@click.option("--orgs", "n_orgs", type=click.IntRange(1, 9999), default=200, show_default=True)
@click.option("--system", "code", default="BZ9", show_default=True, help="The system's code.")
@click.option("--seed", type=int, default=8, show_default=True)
@click.option("--consultation-responses", "consulted", type=click.IntRange(0), default=0,
              help="Also this many responses to a consultation (for the CSV export benchmark).")
@click.option("--consultation", "consultation_id", default="ics_wellbeing_offer",
              show_default=True)
def bench_data(total: int, n_orgs: int, code: str, seed: int, consulted: int,
               consultation_id: str):
    """Generate a synthetic national-scale data set for the benchmarks (see bench/README.md)."""
    code = code.upper()
    if db.session.scalar(select(System).where(System.code == code)) is not None:
        raise click.ClickException(f"system {code} exists already: use another --system")
    survey = get_survey(SURVEY_ID, kind="staff_voice")
    if survey is None:
        raise click.ClickException(f"survey {SURVEY_ID} is not loaded")
    rng = random.Random(seed)
    system = System(code=code, name=f"Benchmark ICS {code}")
    db.session.add(system)
    orgs = []
    for i in range(n_orgs):
        kind = TYPES[0][0] if i % 10 == 0 else TYPES[1][0] if i % 10 < 7 else TYPES[2][0]
        orgs.append(Organisation(code=f"{code}{i + 1:04d}", name=f"{code} {kind} {i + 1}",
                                 type=kind, system=system))
    db.session.add_all(orgs)
    closes = today() - timedelta(days=7)
    opens = closes - timedelta(days=27)
    waves = [launch(org, SURVEY_ID, opens, closes, actor="bench-data",
                    headcounts={"2": 400, "3": 500, "4": 400}) for org in orgs]
    db.session.commit()
    click.echo(f"{n_orgs} organisations and waves in system {code}.")

    days = [opens + timedelta(days=d) for d in range(28)]
    keys = [(w.snapshot_id, w.survey_id, w.organisation_id, w.id) for w in waves]
    org_ids = [o.id for o in orgs]
    if total:
        plan = plan_sizes(total, orgs, survey.audience_bands, survey.min_group_size, rng)
        taken = set(db.session.scalars(select(Response.id).where(Response.id >= ANONYMOUS_LOW)))
        db.session.close()  # the bulk writer takes its own connection
        with click.progressbar(length=total, label="Staff-voice responses") as bar:
            _bulk_insert(_staff_voice_rows(plan, keys, AnswerMaker(survey, rng), taken, days,
                                           rng), bar)
        with click.progressbar([k[3] for k in keys], label="Counts (app.analysis rebuild)") \
                as bar:
            for wave_id in bar:
                rebuild([db.session.get(Wave, wave_id)])
                db.session.commit()
        # Published as the nightly `flask staff-voice publish` would publish them, so the
        # results pages read releases, as in use, instead of making 200 on their first visit.
        publish_due(today(), bars)
    if consulted:
        _consultation(consulted, consultation_id, days, rng)
    _diagnostics([db.session.get(Organisation, i) for i in org_ids], rng)
    click.echo(f"Done: {total:,} staff-voice and {consulted:,} consultation responses across "
               f"{n_orgs} organisations; a quick diagnostic for each.")


def _consultation(total: int, survey_id: str, days: list, rng: random.Random) -> None:
    survey = get_survey(survey_id, kind="consultation")
    if survey is None:
        raise click.ClickException(f"there is no consultation {survey_id}")
    snapshot_id = snapshot_id_for(survey)
    db.session.commit()
    # Counted below the anonymous range, as app.runner.store counts consultation responses.
    first = (db.session.scalar(select(func.max(Response.id)).where(
        Response.id < ANONYMOUS_LOW)) or 0) + 1
    db.session.close()
    with click.progressbar(length=total, label="Consultation responses") as bar:
        _bulk_insert(_consultation_rows(total, survey, snapshot_id, first, days, rng), bar)


def register(app: Flask) -> None:
    app.cli.add_command(bench_data)

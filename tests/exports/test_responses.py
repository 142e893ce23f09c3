"""The consultation responses export (CSV streamed, XLSX) against the per-cell rules it was
first written with, across fetch, write and chunk boundaries; and the download really streams."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime

import openpyxl
import pytest
from flask.testing import FlaskClient
from sqlalchemy import insert, select

from app.definitions import get_survey, store_snapshot
from app.exports import responses as export
from app.extensions import db
from app.models import ConsultationResponse, Redaction, Response, answers_table
from app.publishing import respondent_type_label
from app.runner.store import answers_for
from app.surveys import answer_lines, load_text
from tests.support.clients import PASSWORD

PROBE = """\
schema: 1
id: export_probe
version: 1
kind: consultation
title: Export probe
respondent_types: [{value: staff, label: Staff}, {value: public, label: "=Formula type"}]
pages:
  - id: one
    questions:
      - id: kind
        type: single_choice
        choices: [{value: a, label: "+A label"}, {value: b, label: B}]
      - id: many
        type: multiple_choice
        optional: true
        choices: [{value: x, label: X}, {value: "y", label: "Why"}, {value: z, label: "-Zed"}]
      - id: grid
        type: matrix
        optional: true
        choices: [{value: "1", label: One}, {value: "2", label: Two}]
        rows: [{id: r1, label: Row 1}, {id: r2, label: Row 2}]
      - id: when
        type: date
        optional: true
      - id: org
        type: organisation
        optional: true
      - id: band
        type: band
        optional: true
      - id: score
        type: number
        optional: true
      - id: note
        type: textarea
        optional: true
"""
TEXTS = ["plain", "=1+1", "+44 1234", "-minus", "@SUM(A1)", "\ttab", "\rcr", "", "a, b",
         'say "hi"', "two\nlines", "£ and é"]
TINY = {"FETCH": 7, "ROWS_PER_WRITE": 3, "CHUNK_BYTES": 300}


def _safe(value: str) -> str:
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def _reference_rows(survey) -> list[list[str]]:
    """The export by its original rules: ORM rows, every label looked up per cell."""
    cols = []
    for q in survey.questions():
        keys = [f"{q.id}.{r.id}" for r in q.rows] if q.type == "matrix" else [q.id]
        cols += [(key, q) for key in keys]
    found = db.session.scalars(select(ConsultationResponse).where(
        ConsultationResponse.survey_id == survey.id).order_by(
        ConsultationResponse.response_id)).all()
    answers = answers_for([r.response_id for r in found])
    out = []
    for r in found:
        given = answers[r.response_id]
        reasons = "; ".join(f"{x.question_id}: {x.reason}" for x in r.redactions)
        row = [r.reference, r.submitted_at.strftime("%Y-%m-%d %H:%M"),
               respondent_type_label(survey, r.respondent_type), r.publish_consent or "",
               "yes" if r.published_at else "no", "yes" if r.redactions else "no",
               str(len(r.redactions)), reasons]
        for key, q in cols:
            value = given.get(key)
            values = value if isinstance(value, list) else ([] if value is None else [value])
            if q.type == "matrix":
                label = "; ".join(next((c.label for c in q.choices if c.value == v), v)
                                  for v in values)
            else:
                label = "; ".join(answer_lines(q, given))
            row += ["; ".join(values), label]
        out.append([_safe(cell) for cell in row])
    return out


def _add(survey_id: str, snapshot_id: int, n: int, answers: list[tuple[str, str]], **extra):
    """One response with its answers stored in exactly this order (one row per value)."""
    rid = db.session.execute(insert(Response.__table__).returning(Response.__table__.c.id), {
        "snapshot_id": snapshot_id, "survey_id": survey_id, "kind": "consultation",
        "submitted_on": date(2026, 11, 3), "idempotency_key": f"{survey_id}-{n}"}).scalar_one()
    if answers:
        seqs: dict[str, int] = {}  # a question's values are kept in this order by seq
        rows = []
        for q, v in answers:
            rows.append({"response_id": rid, "question_id": q, "seq": seqs.get(q, 0), "value": v})
            seqs[q] = seqs.get(q, 0) + 1
        db.session.execute(insert(answers_table), rows)
    db.session.add(ConsultationResponse(response_id=rid, survey_id=survey_id,
                                        reference=f"P{n:05d}-{survey_id[:4]}", **extra))


def _random_answers(rng: random.Random) -> list[tuple[str, str]]:
    """Valid and odd stored answers, multiple values sometimes split by other answers."""
    pairs = []
    if rng.random() < 0.9:
        pairs.append(("kind", rng.choice(["a", "b", "", "=evil", "-gone"])))
    for value in rng.sample(["x", "y", "z", "=q"], rng.randint(0, 3)):
        pairs.insert(rng.randint(0, len(pairs)), ("many", value))
    for row in ("r1", "r2"):
        if rng.random() < 0.6:
            pairs.append((f"grid.{row}", rng.choice(["1", "2", "", "+9"])))
    if rng.random() < 0.5:
        pairs.append(("when", rng.choice(["2026-02-03", "2026-13-40", "", "=NOW()"])))
    if rng.random() < 0.5:
        pairs.append(("org", rng.choice(["RA1", "-RB2", ""])))
    if rng.random() < 0.5:
        pairs.append(("band", rng.choice(["2", "8a", "prefer_not_to_say", "@x"])))
    if rng.random() < 0.3:
        pairs += [("score", rng.choice(["3", "-1"]))] * rng.randint(1, 2)
    for _ in range(rng.choice([0, 0, 1, 2])):  # twice: a free text with two stored rows
        pairs.append(("note", rng.choice(TEXTS)))
    if rng.random() < 0.05:
        pairs.append(("no_such_question", "ignored"))
    return [] if rng.random() < 0.05 else pairs  # a few responses with no answers at all


@pytest.fixture
def probe(app):
    """A consultation with every kind of column, 157 responses (more than several fetches,
    writes and chunks at TINY sizes), and another survey's responses interleaved."""
    survey = load_text(PROBE).survey
    other = load_text(PROBE.replace("id: export_probe", "id: other_probe")).survey
    snapshot, other_snapshot = (store_snapshot(s).snapshot.id for s in (survey, other))
    rng = random.Random(8)
    for n in range(157):
        _add(survey.id, snapshot, n, _random_answers(rng),
             submitted_at=datetime(2026, 11, 1 + n % 28, n % 24, n % 60, n % 59, n * 997),
             respondent_type=rng.choice(["staff", "public", None, "=unknown"]),
             publish_consent=rng.choice(["publish_with_name", None, "-odd"]),
             published_at=datetime(2026, 12, 1) if n % 7 == 0 else None)
        if n % 10 == 0:
            _add(other.id, other_snapshot, n, [("note", "=not this survey")],
                 submitted_at=datetime(2026, 11, 2))
    db.session.flush()
    # Redactions on some responses (one or two each, reasons a spreadsheet could run among
    # them), and on the other survey's, which must not show.
    for rid in db.session.scalars(select(ConsultationResponse.response_id)):
        for i in range(rid % 3 if rid % 5 else 0):
            db.session.add(Redaction(response_id=rid, question_id="note", passage="p",
                                     reason=["Names staff", "=HYPERLINK(x)"][i],
                                     created_by="admin@example.nhs.uk"))
    db.session.commit()
    return survey


@pytest.mark.parametrize("sizes", [TINY, {}], ids=["tiny-batches", "default-sizes"])
def test_rows_csv_and_xlsx_match_the_per_cell_rules(probe, monkeypatch, sizes):
    for name, value in sizes.items():
        monkeypatch.setattr(export, name, value)
    expected = _reference_rows(probe)
    assert len(expected) == 157 and any("'" in "".join(row) for row in expected)
    assert list(export.rows(probe)) == expected
    chunks = list(export.csv_chunks(probe))
    assert [*csv.reader(io.StringIO("".join(chunks)))] == [export.header(probe), *expected]
    assert all(chunks) and (len(chunks) > 20 if sizes else len(chunks) == 1)
    data, count = export.xlsx_bytes(probe)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert count == 157
    got = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    # XML parsers read a carriage return back as a line feed
    assert got == [[cell.replace("\r", "\n") for cell in row]
                   for row in [export.header(probe), *expected]]


def test_the_command_writes_the_same_rows(probe, monkeypatch, tmp_path):
    monkeypatch.setattr(export, "FETCH", 7)
    out = tmp_path / "r.csv"
    assert export.write_csv(probe, str(out)) == 157
    with out.open(newline="", encoding="utf-8-sig") as handle:
        text = handle.read()
    assert [*csv.reader(io.StringIO(text))] == [export.header(probe), *_reference_rows(probe)]


@pytest.fixture
def many(app):
    """620 framework review responses, with one to three multiple-choice values each."""
    from app.consultations import store_consultation_response

    survey = get_survey("framework_review")
    choices = [c.value for c in next(q for q in survey.questions() if q.id == "how_used").choices]
    for n in range(620):
        store_consultation_response(survey, {
            "respondent_type": "nhs_provider", "used_framework": "yes",
            "how_used": [choices[(n + i) % len(choices)] for i in range(1 + n % 3)],
            "what_helped": f"Answer {n}"}, key=f"many-{n}")
    db.session.commit()
    return survey


def test_the_download_streams_in_chunks_and_loses_no_row(app, many, make_user, monkeypatch):
    """Rows are built as the body is read (no list of every row first), in several chunks,
    and every response comes out once, in order, with its own multiple-choice answers."""
    monkeypatch.setattr(export, "FETCH", 50)
    monkeypatch.setattr(export, "CHUNK_BYTES", 16 * 1024)  # several chunks from 620 rows
    built = []
    real_builder = export._row_builder

    def counting_builder(survey):
        build = real_builder(survey)
        return lambda head, given: built.append(1) or build(head, given)

    monkeypatch.setattr(export, "_row_builder", counting_builder)
    # Flask's own client: a streamed body is read in the context its request ran in.
    client = FlaskClient(app, app.response_class, use_cookies=True)
    user = make_user("admin")
    assert client.post("/sign-in", data={"email": user.email,
                                         "password": PASSWORD}).status_code == 302
    response = client.get("/admin/consultations/framework_review/responses.csv",
                          buffered=False)
    assert response.status_code == 200 and response.is_streamed
    body = iter(response.response)
    chunks = [next(body)]
    assert 0 < len(built) < 620  # the first chunk left before most rows were read
    chunks += list(body)
    response.close()
    assert len(built) == 620 and len(chunks) >= 5
    assert all(len(c) < 2 * export.CHUNK_BYTES for c in chunks)
    text = "".join(c.decode() if isinstance(c, bytes) else c for c in chunks)
    rows = list(csv.DictReader(io.StringIO(text)))
    stored = db.session.execute(select(ConsultationResponse.response_id,
                                       ConsultationResponse.reference).order_by(
        ConsultationResponse.response_id)).all()
    assert [r["reference"] for r in rows] == [ref for _rid, ref in stored]
    labels = {c.value: c.label for q in many.questions() if q.id == "how_used"
              for c in q.choices}
    given = answers_for([rid for rid, _ref in stored])
    for row, (rid, _ref) in zip(rows, stored, strict=True):
        values = given[rid]["how_used"]
        values = values if isinstance(values, list) else [values]
        assert row["how_used"] == "; ".join(values)
        assert row["how_used (label)"] == "; ".join(labels[v] for v in values)
        assert row["what_helped"] == given[rid]["what_helped"]


def test_formula_cells_are_prefixed(app):
    from app.exports.responses import safe

    assert [safe(v) for v in ("=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx", "ok")] == [
        "'=SUM(A1)", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok"]


def test_every_heading_is_said_once(app):
    survey = get_survey("framework_review", kind="consultation")
    head = export.header(survey)
    assert len(head) == len(set(head)), sorted(h for h in head if head.count(h) > 1)
    assert {"respondent_type", "publish_consent", "recorded respondent type"} <= set(head)

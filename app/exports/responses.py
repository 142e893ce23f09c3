"""Consultation responses as CSV (streamed) or XLSX: one row per response, one column per
question (the stored value and its label). Cells that a spreadsheet would run as a formula are
neutralised (app/exports/cells.py).

Each row says whether passages of the response were redacted for publication, how many, and
each one's question and reason; the answers themselves are exported as sent.

Built for a million responses: two ordered Core queries streamed side by side (the responses,
and their answers), merged in Python, so nothing is held but the current response, one chunk of
output and the (hand-made, so few) redactions; on PostgreSQL `yield_per` makes both server-side
cursors."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from itertools import groupby, islice
from operator import itemgetter

from openpyxl import Workbook
from sqlalchemy import Select, select

from app.exports.cells import FORMULA_START
from app.exports.cells import text as safe
from app.extensions import db
from app.models import ConsultationResponse, Redaction, answers_table
from app.publishing import respondent_type_label
from app.surveys import Question, Survey

FETCH = 5000  # rows per fetch from the database (one round trip each on PostgreSQL)
CHUNK_BYTES = 64 * 1024  # a streamed chunk is about this size
ROWS_PER_WRITE = 64  # rows per writerows() call between chunk-size checks
MEMO_LIMIT = 4096  # distinct values remembered per choice or date column; more are computed

_cr = ConsultationResponse.__table__
_red = Redaction.__table__
_a = answers_table


def _columns(survey: Survey) -> list[tuple[str, Question]]:
    """(answer key, question) for each exported column pair; the key is also the heading."""
    return [(key, q) for q in survey.questions() for key in q.answer_keys()]


# The response's own record (what moderation and publishing go by), named apart from the
# questions' columns: a survey's questions are often called respondent_type and publish_consent.
# The answers are exported as sent; the redaction columns say which were redacted for
# publication (the question's column) and why, never the passage.
RECORD = ["reference", "submitted_at", "recorded respondent type", "recorded publish consent",
          "published", "redacted", "redactions", "redaction reasons"]


def header(survey: Survey) -> list[str]:
    head = list(RECORD)
    for key, _q in _columns(survey):
        head += [key, f"{key} (label)"]
    return head


def _cell_pair(q: Question) -> Callable[[object], tuple[str, str]]:
    """(value cell, label cell) for a stored answer (a string, or a tuple of several), both
    neutralised; the question's type words the label."""
    def compute(raw) -> tuple[str, str]:
        values = list(raw) if isinstance(raw, tuple) else [raw]
        return safe("; ".join(values)), safe(q.kind.export_label(q, values))

    return compute


def _redactions(survey: Survey) -> dict[int, tuple[str, str, str]]:
    """(redacted, how many, "question: reason; ...") by response, neutralised. Redactions are
    made by hand, a passage at a time, so they are few beside the responses: held in memory."""
    r = _red.c
    found: dict[int, list[str]] = {}
    for rid, question, reason in db.session.execute(
            select(r.response_id, r.question_id, r.reason)
            .join(_cr, _cr.c.response_id == r.response_id)
            .where(_cr.c.survey_id == survey.id).order_by(r.response_id, r.id)):
        found.setdefault(rid, []).append(f"{question}: {reason}")
    return {rid: ("yes", str(len(said)), safe("; ".join(said))) for rid, said in found.items()}


NOT_REDACTED = ("no", "0", "")


def _row_builder(survey: Survey) -> Callable[[tuple, dict], list[str]]:
    """A function from (response columns, {key: answer}) to one neutralised output row, with
    label lookups done once per distinct answer of a question, not once per cell."""
    # Columns of answers exported as typed get no memo (None): they rarely repeat and the
    # label is the value. Others remember up to MEMO_LIMIT answers, so odd stored values cannot
    # grow memory.
    plan = [(key, None, None) if q.kind.exported_as_typed else (key, {}, _cell_pair(q))
            for key, q in _columns(survey)]
    types = {c.value: safe(c.label) for c in reversed(survey.respondent_types)}  # first wins
    no_type = safe(respondent_type_label(survey, None))
    start = FORMULA_START  # cells.text's rule, inlined: this runs for every cell of a million rows
    redactions = _redactions(survey)

    def build(head, given: dict) -> list[str]:
        rid, reference, submitted_at, respondent_type, consent, published_at = head
        reference, consent = reference or "", consent or ""
        row = [
            "'" + reference if reference.startswith(start) else reference,
            # Naive datetimes (no time zone): the same text as strftime("%Y-%m-%d %H:%M").
            submitted_at.isoformat(" ", "minutes"),
            types.get(respondent_type, no_type),
            "'" + consent if consent.startswith(start) else consent,
            "yes" if published_at else "no",
            *redactions.get(rid, NOT_REDACTED),
        ]
        append = row.append
        for key, memo, compute in plan:
            raw = given.get(key)
            if raw is None:
                append("")
                append("")
            elif memo is None:  # free text: the label is the value
                if raw.__class__ is tuple:
                    raw = "; ".join(raw)
                cell = "'" + raw if raw.startswith(start) else raw
                append(cell)
                append(cell)
            else:
                pair = memo.get(raw)
                if pair is None:
                    pair = compute(raw)
                    if len(memo) < MEMO_LIMIT:
                        memo[raw] = pair
                row += pair
        return row

    return build


def _grouped_answers(rows) -> Iterator[tuple[int, dict]]:
    """(response id, {key: value, or a tuple of values in stored order}) per response."""
    for rid, answers in groupby(rows, itemgetter(0)):
        given: dict = {}
        for _rid, key, value in answers:
            have = given.get(key)
            if have is None:
                given[key] = value
            else:  # a multiple choice: one stored row per value
                given[key] = (*have, value) if have.__class__ is tuple else (have, value)
        yield rid, given


def queries(survey: Survey) -> tuple[Select, Select]:
    """The two streamed queries: the survey's responses, and their answers, both by response."""
    by_survey = _cr.c.survey_id == survey.id
    heads = select(_cr.c.response_id, _cr.c.reference, _cr.c.submitted_at,
                   _cr.c.respondent_type, _cr.c.publish_consent, _cr.c.published_at
                   ).where(by_survey).order_by(_cr.c.response_id)
    # In the order of the answers' key (response_id, question_id, seq), so SQLite walks it
    # without a sort; a question's several values (a multiple choice) keep their order by seq.
    answers = select(_a.c.response_id, _a.c.question_id, _a.c.value).join(
        _cr, _cr.c.response_id == _a.c.response_id).where(by_survey).order_by(
        _cr.c.response_id, _a.c.question_id, _a.c.seq)
    return heads, answers


def rows(survey: Survey) -> Iterator[list[str]]:
    """Response rows in response order, streamed: memory stays flat for any number."""
    build = _row_builder(survey)
    heads, answers = queries(survey)
    options = {"yield_per": FETCH}
    # Responses first: under READ COMMITTED the answers query then sees every response that
    # the first one saw; answers of a response committed in between are skipped below.
    head_result = db.session.execute(heads, execution_options=options)
    answer_result = db.session.execute(answers, execution_options=options)
    try:
        groups = _grouped_answers(answer_result)
        pending = next(groups, None)
        for head in head_result:
            rid = head[0]
            while pending is not None and pending[0] < rid:
                pending = next(groups, None)
            if pending is not None and pending[0] == rid:
                yield build(head, pending[1])
                pending = next(groups, None)
            else:
                yield build(head, {})
    finally:  # also when a download is abandoned: release both cursors
        answer_result.close()
        head_result.close()


def csv_chunks(survey: Survey) -> Iterator[str]:
    """CSV text in chunks of about CHUNK_BYTES, for a streamed download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(survey))
    source = rows(survey)
    try:
        while True:
            batch = list(islice(source, ROWS_PER_WRITE))
            writer.writerows(batch)
            done = len(batch) < ROWS_PER_WRITE
            if (done or buffer.tell() >= CHUNK_BYTES) and buffer.tell():
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
            if done:
                return
    finally:  # an abandoned download closes its cursors now, not when collected
        source.close()


def write_csv(survey: Survey, path: str) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header(survey))
        for row in rows(survey):
            writer.writerow(row)
            count += 1
    return count


def xlsx_bytes(survey: Survey) -> tuple[bytes, int]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.append(header(survey))
    count = 0
    for row in rows(survey):
        sheet.append(row)
        count += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count


def write_xlsx(survey: Survey, path: str) -> int:
    data, count = xlsx_bytes(survey)
    with open(path, "wb") as handle:
        handle.write(data)
    return count

"""Consultation responses as CSV (streamed) or XLSX: one row per response, one column per
question (the stored value and its label). Cells that a spreadsheet would run as a formula are
neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook
from sqlalchemy import select

from app.extensions import db
from app.models import ConsultationResponse
from app.publishing import respondent_type_label
from app.runner.display import answer_lines
from app.runner.store import answers_for
from app.surveys import Survey

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 500


def safe(value) -> str:
    """A cell as text that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _columns(survey: Survey) -> list[tuple[str, object, str]]:
    """(heading, question, answer key) for each exported column pair."""
    cols = []
    for q in survey.questions():
        keys = [f"{q.id}.{r.id}" for r in q.rows] if q.type == "matrix" else [q.id]
        for key in keys:
            cols.append((key, q, key))
    return cols


def header(survey: Survey) -> list[str]:
    head = ["reference", "submitted_at", "respondent_type", "publish_consent", "published"]
    for heading, _q, _key in _columns(survey):
        head += [heading, f"{heading} (label)"]
    return head


def rows(survey: Survey) -> Iterator[list[str]]:
    """Response rows in batches, so a large consultation is never held in memory at once."""
    cols = _columns(survey)
    last = 0
    while True:
        batch = db.session.scalars(
            select(ConsultationResponse)
            .where(ConsultationResponse.survey_id == survey.id,
                   ConsultationResponse.response_id > last)
            .order_by(ConsultationResponse.response_id).limit(BATCH)).all()
        if not batch:
            return
        answers = answers_for([r.response_id for r in batch])
        for r in batch:
            given = answers[r.response_id]
            row = [r.reference, r.submitted_at.strftime("%Y-%m-%d %H:%M"),
                   respondent_type_label(survey, r.respondent_type), r.publish_consent or "",
                   "yes" if r.published_at else "no"]
            for _heading, q, key in cols:
                value = given.get(key)
                values = value if isinstance(value, list) else ([] if value is None else [value])
                if q.type == "matrix":
                    label = "; ".join(next((c.label for c in q.choices if c.value == v), v)
                                      for v in values)
                else:
                    label = "; ".join(answer_lines(q, given))
                row += ["; ".join(values), label]
            yield [safe(cell) for cell in row]
        last = batch[-1].response_id


def csv_chunks(survey: Survey) -> Iterator[str]:
    """CSV text in chunks, for a streamed download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(survey))
    for i, row in enumerate(rows(survey), 1):
        writer.writerow(row)
        if i % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


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

"""Suppressed staff-voice aggregates as CSV rows: the same figures the results pages show."""

from __future__ import annotations

import csv
import io

from app.analysis.results import Results
from app.exports.cells import text as safe

HEADER = ["scope", "survey_id", "survey_version", "question_id", "question", "band", "answer",
          "count", "percent", "answered"]


def rows(results: Results) -> list[list[str]]:
    hidden = results.hidden_text
    survey = results.survey
    out = []
    for cell in results.respondents:
        out.append([results.scope, survey.id, survey.version, "", "Responses", cell.label, "",
                    cell.n if cell.shown else hidden, "", ""])
    for qr in results.questions:
        q = qr.question
        if not q.kind.has_values:
            continue
        for cell in qr.cells:
            if not cell.shown:
                out.append([results.scope, survey.id, survey.version, q.id, q.label, cell.label,
                            "", hidden, "", hidden])
                continue
            for label, count, pct in cell.values:
                out.append([results.scope, survey.id, survey.version, q.id, q.label, cell.label,
                            label, hidden if count is None else count,
                            "" if pct is None else pct, cell.n])
    return [[safe(v) for v in row] for row in out]


def to_csv(results: Results) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows(results))
    return buffer.getvalue()

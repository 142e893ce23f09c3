"""An organisation's action plan (app/diagnostic/action_plan.py) as CSV and as a workbook,
with the filters the page had."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.diagnostic.action_plan import HEADER, PlanEntry
from app.exports.cells import text as safe_text
from app.exports.cells import value as safe_value
from app.formatting import long_date


def to_csv(found: list[PlanEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for entry in found:
        writer.writerow([safe_text(long_date(v) if isinstance(v, date) else v)
                         for v in entry.row()])
    return buffer.getvalue()


def to_xlsx(found: list[PlanEntry], title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for entry in found:
        ws.append([safe_value(v) for v in entry.row()])
    for column, width in zip("ABCDEFG", (28, 48, 48, 24, 14, 14, 10), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[4].number_format = "d mmmm yyyy"
    ws.freeze_panes = "A2"
    wb.properties.title = title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

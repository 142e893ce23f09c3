"""The diagnostic as a workbook, in the layout organisations know: one sheet per element, one row
per item (rating, current offer, evidence, gaps), actions beside it. An item with more than one
action takes one extra row per action, with the item id repeated and the other cells empty.

The layout (sheets, headings) is app/diagnostic/workbook_layout.py, which
app/diagnostic/workbook_import.py reads back. A last sheet, "What staff told us", has each
element's staff-survey findings with their provenance and each band without evidence, as the
element page shows them (app/analysis/evidence.py), and "Trend across cycles" has each
element's score (the mean rating of its rated items) in this cycle and every one before it,
with the change on the cycle before, as the trend page shows them; the import passes over both.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app import clock, definitions
from app.analysis.evidence import LEGEND, for_assessment
from app.diagnostic import cycles
from app.diagnostic.workbook_layout import (
    ABOUT_SHEET,
    ANSWER_COLUMNS,
    COLUMNS,
    HEADER_ROW,
    HEADERS,
    STAFF_VOICE_SHEET,
    TREND_SHEET,
    sheet_titles,
)
from app.exports.cells import value as safe
from app.national_survey.scores import NATIONAL_NOTE, scores_for

DATE_FORMAT = "DD/MM/YYYY"


def scale_text(survey) -> str:
    return "; ".join(f"{c.value} = {c.label}" for c in survey.rating_scale)


STAFF_VOICE_COLUMNS = [("Element", 34), ("Band", 18), ("Evidence", 12),
                       ("What staff told us", 70), ("People", 8), ("Source", 70)]


def _staff_voice(wb: Workbook, assessment, survey) -> None:
    """One row per finding, then one per band without evidence, element by element."""
    evidence = for_assessment(assessment, survey.elements, clock.today())
    ws = wb.create_sheet(STAFF_VOICE_SHEET)
    window = next(iter(evidence.values())).window.text if evidence else ""
    ws.append([f"{window} {LEGEND}".strip()])
    ws.append([])
    ws.append([h for h, _ in STAFF_VOICE_COLUMNS])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for col, (_, width) in enumerate(STAFF_VOICE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for element in survey.elements:
        found = evidence[element.id]
        for f in found.findings:
            ws.append([safe(element.title), safe(f.band), "Evidence", safe(f.said), f.n,
                       safe(f.provenance)])
        for gap in found.gaps:
            ws.append([safe(element.title), safe(gap.band), str(gap.status), None, None,
                       gap.status.reason])
        for score in scores_for(assessment.organisation, element.id):
            ws.append([safe(element.title), "All staff", "NHS Staff Survey", safe(str(score)),
                       None, f"NHS Staff Survey {score.year}: {NATIONAL_NOTE}"])
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A4"


def _trend(wb: Workbook, assessment) -> None:
    """Per element: score, items rated and change, for each cycle up to this one."""
    found, rows = cycles.trend(assessment.organisation)
    upto = next(n for n, a in enumerate(found) if a.id == assessment.id) + 1
    found = found[:upto]
    ws = wb.create_sheet(TREND_SHEET)
    ws.append(["Each element's score is the mean rating of its rated items (not applicable and "
               "unrated items do not count). Change is on the cycle before."])
    ws.append(["Cycle started", *[v for a in found
                                  for v in (a.created_at.date(), None, None)]])
    ws.append(["Element", *[v for a in found for v in (f"{a.cycle} score", f"{a.cycle} items "
                                                        "rated", f"{a.cycle} change")]])
    for cell in [*ws[2], *ws[3]]:
        cell.font = Font(bold=True)
    for cell in ws[2][1:]:
        cell.number_format = DATE_FORMAT
    for row in rows:
        cells = []
        for (score, rated), change in zip(row.scores[:upto], row.changes[:upto], strict=True):
            cells += [round(score, 2) if score is not None else None, rated, change or None]
        ws.append([safe(row.title), *cells])
    ws.column_dimensions["A"].width = 36
    for col in range(2, 2 + 3 * len(found)):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = "B4"


def build(assessment) -> Workbook:
    survey = definitions.for_assessment(assessment)
    org = assessment.organisation
    answers = assessment.answer_map()
    actions: dict[str, list] = {}
    for action in assessment.actions:
        actions.setdefault(action.item_id, []).append(action)

    wb = Workbook()
    about = wb.active
    about.title = ABOUT_SHEET
    rows = [("Organisation", safe(org.name)), ("Organisation code", org.code),
            ("Cycle", safe(assessment.cycle)), ("Definition", survey.id),
            ("Definition version", survey.version), ("Mode", assessment.mode),
            ("Rating scale", scale_text(survey)),
            ("How to use", "Fill in one sheet per element. Keep the column headings and item ids "
                           "as they are. Give each extra action its own row, with the item id.")]
    for row in rows:
        about.append(row)
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 90

    for element_id, title in sheet_titles(survey).items():
        element = survey.element(element_id)
        ws = wb.create_sheet(title)
        ws["A1"] = safe(element.title)
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = f"Element id: {element.id}. Ratings: {scale_text(survey)}"
        for col, (header, width) in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=HEADER_ROW, column=col, value=header)
            cell.font = Font(bold=True)
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = f"D{HEADER_ROW + 1}"
        for sub_area in element.sub_areas:
            for item in sub_area.items:
                answer = answers.get(item.id)
                item_actions = actions.get(item.id) or [None]
                for n, action in enumerate(item_actions):
                    first = n == 0
                    ws.append([
                        item.id,
                        safe(sub_area.title) if first else None,
                        safe(item.prompt) if first else None,
                        (answer.rating if answer and first else None),
                        *[safe(getattr(answer, f)) if answer and first and getattr(answer, f)
                          else None for f in ANSWER_COLUMNS.values()],
                        safe(action.what) if action else None,
                        safe(action.owner) if action and action.owner else None,
                        action.due if action and action.due else None,
                        action.status_label if action else None,
                    ])
                    due_cell = ws.cell(row=ws.max_row, column=HEADERS.index("Action due date") + 1)
                    due_cell.number_format = DATE_FORMAT
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _staff_voice(wb, assessment, survey)
    _trend(wb, assessment)
    return wb


def to_bytes(assessment) -> bytes:
    buffer = BytesIO()
    build(assessment).save(buffer)
    return buffer.getvalue()

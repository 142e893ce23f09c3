"""The ICS workbook (app/exports/ics_xlsx.py) read back: its sheets with formulas neutralised,
and the evidence gaps' hand-counted figures in the words of every other output."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from app.analysis import ics
from app.exports import ics_xlsx
from tests.support.voice_evidence import five_organisations


def test_gap_counts_read_back_as_counted_by_hand(app, system):
    five_organisations(system)
    wb = load_workbook(io.BytesIO(ics_xlsx.to_bytes(ics.compile_system(system))))
    rows = list(wb["Evidence gap counts"].values)
    assert rows[0] == ("Element", "Band", "Organisations", "Without evidence", "Ran no survey",
                       "Not shown", "In words")
    band3 = next(r for r in rows if r[:2] == ("Professional wellbeing support", "Band 3"))
    assert band3[2:] == (5, 4, 3, 1, "4 of 5 organisations have no Band 3 evidence: 3 ran no "
                                     "survey, 1 not shown")
    gaps = {(r[0], r[2]): r[3:] for r in wb["Evidence gaps"].values}
    header = list(wb["Evidence gaps"].values)[0]
    beta = dict(zip(header[3:], gaps[("BE2", "Professional wellbeing support")], strict=True))
    assert (beta["Band 2"], beta["Band 3"], beta["Band 4"]) == ("Not shown", "Not shown",
                                                                 "Evidence")


def test_xlsx_reads_back_with_formulas_neutralised(hand_built, system):
    wb = load_workbook(io.BytesIO(ics_xlsx.to_bytes(ics.compile_system(system))))
    assert wb.sheetnames[:3] == ["About", "Heat map", "Shared gaps"]
    heat = list(wb["Heat map"].values)
    alpha = next(r for r in heat if r[0] == "AL1")
    assert alpha[4] == "In place" and alpha[5] == "Not in place"
    assert alpha[-1] == 100
    assert wb["Heat map"].cell(row=heat.index(alpha) + 1, column=5).fill.fgColor.rgb.endswith(
        "D5ECDC")
    gaps = list(wb["Shared gaps"].values)
    assert gaps[1][:5] == ("Element", "Relationships", None, 2, 3)
    free = [r[4] for r in wb["Free text"].values]
    assert any(v and v.startswith("Night staff feel isolated; =HYPERLINK") for v in free)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"), (
                    ws.title, cell.coordinate, cell.value)
    assert ics_xlsx.safe("=1+1") == "'=1+1" and ics_xlsx.safe("@SUM") == "'@SUM"
    assert ics_xlsx.safe("\tx") == "'\tx" and ics_xlsx.safe("plain") == "plain"

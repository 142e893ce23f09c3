"""The ICS workbook's evidence gaps (app/exports/ics_xlsx.py): the hand-counted figures, in the
words of every other output."""

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

"""The diagnostic workbook (app/exports/diagnostic_xlsx.py) carries what staff told us: each
element's findings with their provenance and each band without evidence, as the element page
says them, on a sheet the import passes over."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from app import definitions
from app.clock import today
from app.diagnostic import cycles, workbook_import
from app.diagnostic.workbook_layout import STAFF_VOICE_SHEET
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.formatting import period
from tests.support.voice_evidence import (
    GROUPS,
    THEME_SCORE,
    assessed_with_a_theme_score,
    closed_wave,
    organisation,
)

TITLE = "Professional wellbeing support"  # the element MEASURED informs


def test_the_workbook_carries_findings_provenance_and_band_gaps(app, system):
    trust = organisation(system, "RA1", "Trust A")
    assessment = cycles.start(trust, "2026 Q1")
    db.session.commit()
    wave = closed_wave(trust, today() - timedelta(days=9), GROUPS)
    data = diagnostic_xlsx.to_bytes(assessment)
    ws = load_workbook(io.BytesIO(data))[STAFF_VOICE_SHEET]
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0][0].startswith("Evidence from every staff survey that closed between")
    header = rows.index(("Element", "Band", "Evidence", "What staff told us", "People",
                         "Source"))
    table = rows[header + 1:]
    band3 = next(r for r in table if r[:2] == (TITLE, "Band 3") and "I know where" in r[3])
    assert band3[2:] == (
        "Evidence", "70% strongly agree or agree that \u201cI know where to go for health and "
        "wellbeing support at work\u201d", 20,
        "Staff survey \u201cYour health and wellbeing at work\u201d, Band 3, 20 people, "
        f"{period(wave.opens_on, wave.last_day)}")
    band2 = next(r for r in table if r[:2] == (TITLE, "Band 2"))
    assert band2[2:] == ("Not shown", None, None,
                         "too few answered, or hidden to protect a small group")
    assert {r[0] for r in table} == {e.title for e in definitions.diagnostic().elements}

    # The import passes over the sheet: the workbook comes back in unchanged.
    assert workbook_import.parse(assessment, data).sheets == 7


def test_the_workbook_carries_the_nhs_staff_survey_scores(app, system):
    assessment = assessed_with_a_theme_score(system)
    data = diagnostic_xlsx.to_bytes(assessment)
    rows = [tuple(r) for r in load_workbook(io.BytesIO(data))[STAFF_VOICE_SHEET]
            .iter_rows(values_only=True)]
    national = [r for r in rows if r[2] == "NHS Staff Survey"]
    assert national and all(r[1:5] == (
        "All staff", "NHS Staff Survey",
        THEME_SCORE,
        None) for r in national)
    assert TITLE in {r[0] for r in national}
    assert workbook_import.parse(assessment, data).sheets == 7

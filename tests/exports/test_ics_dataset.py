"""The ICS dataset's evidence gaps (app/exports/ics_dataset.py): the hand-counted figures, with
each organisation's reason, in the words of every other output."""

from __future__ import annotations

import sqlite3

from app.analysis import ics
from app.exports import ics_dataset
from tests.support.voice_evidence import ELEMENT, five_organisations


def test_gap_counts_and_reasons_read_back(app, system, tmp_path):
    five_organisations(system)
    path = tmp_path / "ics.db"
    ics_dataset.write(ics.compile_system(system), path)
    db = sqlite3.connect(path)
    assert db.execute(
        "select organisations, without_evidence, no_survey, not_shown, headline from "
        "evidence_gap_counts where element_id = ? and band = 'Band 3'", [ELEMENT]).fetchone() == (
        5, 4, 3, 1, "4 of 5 organisations have no Band 3 evidence: 3 ran no survey, 1 not shown")
    reasons = dict(db.execute(
        "select o.code, g.status || ': ' || g.reason from evidence_gaps g join organisations o "
        "on o.id = g.organisation_id where g.element_id = ? and g.band = 'Band 3'", [ELEMENT]))
    assert reasons == {
        "BE2": "Not shown: too few answered, or hidden to protect a small group",
        **dict.fromkeys(("GA3", "DE4", "EP5"), "No survey: no staff survey asking this band "
                        "about this element closed in the window")}
    db.close()

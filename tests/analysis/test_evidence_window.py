"""The evidence window (app/analysis/evidence_window.py): the 12 months up to today for an
organisation's latest assessment, up to the next one's start for an older one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.analysis.evidence import element_evidence
from app.analysis.evidence_window import Window, window_for, year_before
from app.clock import today
from app.extensions import db
from app.formatting import long_date
from tests.support.ics_system import assess
from tests.support.voice_evidence import ELEMENT, closed_wave, organisation

GROUPS = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 8, "disagree": 7},
          "4": {"agree": 7, "disagree": 6}}


def test_twelve_months_end_on_the_day_given():
    assert year_before(date(2026, 11, 18)) == date(2025, 11, 19)
    assert year_before(date(2028, 2, 29)) == date(2027, 3, 1)
    window = Window(date(2025, 11, 19), date(2026, 11, 18))
    assert window.text == ("Evidence from every staff survey that closed between 19 November "
                           "2025 and 18 November 2026: the 12 months up to today.")


def test_a_wave_counts_while_it_closed_in_the_last_twelve_months(app, system):
    trust = organisation(system, "RA1", "Trust A")
    closed_wave(trust, today() - timedelta(days=400), GROUPS)
    window = window_for(trust, None, today())
    assert not element_evidence(trust, ELEMENT, window, today()).findings
    recent = closed_wave(trust, today() - timedelta(days=300), GROUPS)
    found = element_evidence(trust, ELEMENT, window, today())
    assert {s.last for f in found.findings for s in f.sources} == {recent.last_day}


def test_an_older_assessment_keeps_the_evidence_of_its_own_time(app, system):
    trust = organisation(system, "RA1", "Trust A")
    older = assess(trust, "2025", {"*": "2"})
    newer = assess(trust, "2026", {"*": "2"})
    started = today() - timedelta(days=30)
    older.created_at = datetime(2020, 1, 1)
    newer.created_at = datetime(started.year, started.month, started.day, 12)
    db.session.commit()
    before = closed_wave(trust, today() - timedelta(days=60), GROUPS)
    after = closed_wave(trust, today() - timedelta(days=10), GROUPS)

    old_window = window_for(trust, older, today())
    assert (old_window.first, old_window.last) == (year_before(started), started)
    assert old_window.text.endswith(
        "the 12 months up to the day the \u201c2026\u201d assessment was started.")
    assert long_date(started) in old_window.text
    old = element_evidence(trust, ELEMENT, old_window, today())
    assert {s.last for f in old.findings for s in f.sources} == {before.last_day}
    current = element_evidence(trust, ELEMENT, window_for(trust, newer, today()), today())
    assert {s.last for f in current.findings for s in f.sources} == {
        before.last_day, after.last_day}

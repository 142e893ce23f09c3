"""R5 for the ICS roll-up: for random staff-voice group sizes across a system's organisations
and any organisation-type filter, the ICS figures (page data, XLSX and SQLite dataset all come
from ics.staff_voice_counts) never show a group under the minimum size, and the independent
attacker in tests/analysis/attacks.py cannot recover a hidden group from all of them together
(every organisation's row and the whole system's)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.analysis import ics
from app.analysis.results import Frame
from app.analysis.staff_voice import record_submission
from app.analysis.suppression import TOTAL
from app.extensions import db
from app.models import Organisation, System
from app.staff_voice.waves import launch, survey_of, today
from tests.analysis.attacks import disclosures
from tests.ics.conftest import assess

BANDS = ["2", "3", "4"]
LABELS = {"Band 2": "2", "Band 3": "3", "Band 4": "4", "All bands": TOTAL}
TYPES = ["trust", "gp_practice", "social_care"]


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.tuples(st.sampled_from(TYPES), *[st.integers(0, 15)] * 3),
                      min_size=1, max_size=4),
       only=st.sampled_from(["", *TYPES]))
def test_no_ics_figure_gives_away_a_small_group(app, sizes, only):
    from tests import dbutil

    db.session.rollback()
    dbutil.empty_tables()
    db.session.expunge_all()
    system = System(code="QZ9", name="Test ICS")
    db.session.add(system)
    db.session.flush()
    closes = today() - timedelta(days=1)
    waves = []
    for i, (kind, *per_band) in enumerate(sizes):
        org = Organisation(code=f"P{i}", name=f"Org {i}", type=kind, system_id=system.id)
        db.session.add(org)
        db.session.flush()
        assess(org, "2026 Q1", {"*": "2"})
        wave = launch(org, "staff_voice_bands_2_4", closes - timedelta(days=20), closes)
        survey = survey_of(wave)
        for band, n in zip(BANDS, per_band, strict=True):
            for _ in range(n):
                record_submission(wave, survey, {"band": band}, secrets.token_hex(8), closes)
        waves.append(wave)
    db.session.commit()

    comp = ics.compile_system(system, org_type=only)
    counts = ics.staff_voice_counts(comp)
    truth = Frame(waves, survey_of(waves[0])).table(None)
    rows = [str(w.id) for w in waves]
    by_org = {w.organisation_id: str(w.id) for w in waves}
    shown = dict.fromkeys(truth)  # everything hidden unless an output shows it
    for c in counts:
        row = by_org[c.org.id] if c.org else TOTAL
        if only and c.org is not None:
            assert c.org.type == only
        if c.shown:
            assert c.n >= 11, c
            assert c.n == truth[(row, LABELS[c.band])]
            shown[(row, LABELS[c.band])] = c.n
        else:
            assert c.text == "Not shown"
    assert any(c.org is None for c in counts)  # the whole system is always there
    problems = disclosures(rows, BANDS, shown, truth, 11)
    assert not problems, problems

"""Random staff-voice group sizes across a system, and what an attacker may compare them with:
shared by the ICS suppression property tests (figures, workbook and dataset)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from hypothesis import strategies as st

from app.analysis.suppression import HIDDEN
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import Organisation, System
from app.staff_voice.responses import record_submission
from app.staff_voice.waves import launch
from app.surveys.bands import BAND_LABELS, NOT_ON_AFC_BANDS_2_4
from tests.support.attacks import T as TOTAL
from tests.support.attacks import disclosures
from tests.support.ics_system import assess
from tests.support.staff_voice import truth_table

# The survey's audience: every group the outputs publish is in the attacker's sums, or it
# would wrongly take a hidden group it leaves out for zero.
BANDS = ["2", "3", "4", NOT_ON_AFC_BANDS_2_4.value]
# Every group's label as outputs write it (the Band 2-4 equivalent group among them).
LABELS = {**{label: value for value, label in BAND_LABELS.items()}, "All bands": TOTAL}
TYPES = ["trust", "gp_practice", "social_care"]
MIN_SIZE = 11
WHOLE_SYSTEM = "Whole system"

# (organisation type, Band 2, Band 3, Band 4, Band 2-4 equivalent respondents) per organisation
SIZES = st.lists(st.tuples(st.sampled_from(TYPES), *[st.integers(0, 15)] * 4),
                 min_size=1, max_size=4)
ONLY = st.sampled_from(["", *TYPES])


def build(sizes) -> tuple[System, list]:
    """A fresh system QZ9 with one assessed organisation per entry, each with a closed wave
    (bands not given have nobody)."""
    from tests.support import dbutil

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
        survey = for_wave(wave)
        for band, n in zip(BANDS, [*per_band] + [0] * (len(BANDS) - len(per_band)), strict=True):
            for _ in range(n):
                record_submission(wave, survey, {"band": band}, secrets.token_hex(8), closes)
        waves.append(wave)
    db.session.commit()
    return system, waves


def truth_of(waves) -> dict:
    return truth_table(waves)


def check(waves, read: list[tuple[str, str, object]]) -> list[str]:
    """Problems in figures read back from an output, as (organisation name or WHOLE_SYSTEM,
    band label, what the output holds). A shown figure must be a whole number of at least
    MIN_SIZE equal to the true one; anything else must read HIDDEN; and the attacker must not
    recover a small group from all the shown figures together."""
    truth = truth_of(waves)
    row_of = {w.organisation.name: str(w.id) for w in waves}
    row_of[WHOLE_SYSTEM] = TOTAL
    shown = dict.fromkeys(truth)  # everything hidden unless the output shows it
    problems = []
    for who, band, value in read:
        key = (row_of[who], LABELS[band])
        if value == HIDDEN:
            continue
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if not isinstance(value, int):
            problems.append(f"{key}: neither a number nor {HIDDEN!r}: {value!r}")
            continue
        if value != truth[key]:
            problems.append(f"{key}: shows {value}, the true figure is {truth[key]}")
        shown[key] = value
    rows = [str(w.id) for w in waves]
    return problems + disclosures(rows, BANDS, shown, truth, MIN_SIZE)

"""R5 for the ICS roll-up: for random staff-voice group sizes across a system's organisations
and any organisation-type filter, the ICS figures (page data, XLSX and SQLite dataset all come
from ics_voice.staff_voice_counts) never show a group under the minimum size, and the
independent attacker in tests/support/attacks.py cannot recover a hidden group from all of them
together (every organisation's row and the whole system's).
test_ics_outputs_suppression.py reads the written workbook and dataset back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from app.analysis import ics, ics_voice
from app.analysis.suppression import HIDDEN
from tests.security.ics_voice_data import MIN_SIZE, ONLY, SIZES, WHOLE_SYSTEM, build, check


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=SIZES, only=ONLY)
def test_no_ics_figure_gives_away_a_small_group(app, sizes, only):
    system, waves = build(sizes)
    counts = ics_voice.staff_voice_counts(ics.compile_system(system, org_type=only))
    read = []
    for c in counts:
        if only and c.org is not None:
            assert c.org.type == only
        if c.shown:
            assert c.n >= MIN_SIZE, c
        else:
            assert c.text == HIDDEN
        read.append((c.org.name if c.org else WHOLE_SYSTEM, c.band, c.n if c.shown else HIDDEN))
    assert any(c.org is None for c in counts)  # the whole system is always there
    problems = check(waves, read)
    assert not problems, problems

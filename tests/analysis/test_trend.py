"""A band's result across waves (app/analysis/trend.py), only from each wave's own release."""

from __future__ import annotations

from datetime import timedelta

from app.analysis.evidence import counts_of, positive_share, usable
from app.analysis.results import wave_results
from app.analysis.trend import Point, trend
from app.clock import today
from app.definitions import for_wave
from app.formatting import period
from app.staff_voice.waves import launch
from tests.support.voice_evidence import MEASURED, SURVEY_ID, closed_wave, organisation

FIRST = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 14, "disagree": 6},
         "4": {"agree": 8, "disagree": 7}}
SMALL_BAND3 = {"2": {"agree": 6, "disagree": 6}, "3": {"agree": 3, "disagree": 2},
               "4": {"agree": 7, "disagree": 6}}


def test_the_trend_shows_each_waves_released_figures_only(app, system):
    trust = organisation(system, "RA1", "Trust A")
    first = closed_wave(trust, today() - timedelta(days=100), FIRST)
    assert trend(first, today()) == []  # one wave: nothing to compare
    second = closed_wave(trust, today() - timedelta(days=5), SMALL_BAND3)
    launch(trust, SURVEY_ID, today() - timedelta(days=1), today() + timedelta(days=9))

    found = {t.question.id: t for t in trend(second, today())}
    measured = found[MEASURED]
    assert measured.waves == (period(first.opens_on, first.last_day),
                              period(second.opens_on, second.last_day))
    assert measured.positive == "strongly agree or agree"
    assert measured.point(0, "Band 3") == Point(20, 70)  # 14 of 20
    assert not measured.point(1, "Band 3").shown  # 5 people: hidden in its release
    assert not measured.point(1, "Band 2").shown  # hidden to protect Band 3
    assert measured.point(1, "Band 4") == Point(13, 54)  # 7 of 13

    # Every point is exactly what its wave's release shows, question by question.
    for n, wave in enumerate((first, second)):
        results = wave_results(wave, for_wave(wave), today())
        for qr in results.questions:
            if qr.question.id not in found:
                continue
            for cell in qr.cells:
                expected = (Point(cell.n, positive_share(qr.question, counts_of(
                    qr.question, cell), cell.n)) if usable(cell) else Point())
                assert found[qr.question.id].point(n, cell.label) == expected

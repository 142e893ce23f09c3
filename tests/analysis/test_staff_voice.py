"""Counts kept with each submission equal the counts rebuilt from the raw answers."""

import random
import secrets

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.analysis.staff_voice import kept_counts, rebuild
from app.definitions import for_wave
from app.extensions import db
from app.staff_voice.responses import record_submission
from tests.support.staff_voice import open_wave, random_answers, today


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(0, 30))
def test_rebuilt_counts_equal_kept_counts(app, orgs, seed, n):
    rng = random.Random(seed)
    wave = open_wave(orgs[0])  # a new wave each example, so counts start from nothing
    survey = for_wave(wave)
    for _ in range(n):
        record_submission(wave, survey, random_answers(survey, rng), secrets.token_hex(8), today())
    db.session.commit()
    kept = kept_counts(wave.id)
    rebuild([wave])
    db.session.commit()
    assert kept_counts(wave.id) == kept
    assert sum(kept[1].values()) == n


def test_cli_rebuild_repairs_damaged_counts(runner, orgs):
    from app.models.staff_voice import AnswerCount

    wave = open_wave(orgs[0])
    survey = for_wave(wave)
    rng = random.Random(1)
    for _ in range(5):
        record_submission(wave, survey, random_answers(survey, rng), secrets.token_hex(8), today())
    db.session.commit()
    before = kept_counts(wave.id)
    db.session.execute(AnswerCount.__table__.update().values(n=99))
    db.session.commit()
    result = runner.invoke(args=["analysis", "rebuild"])
    assert result.exit_code == 0, result.output
    assert kept_counts(wave.id) == before


def test_a_response_is_counted_as_it_is_stored_and_never_stored_uncounted(app, orgs):
    """Staff voice stores; app.analysis counts, listening on response_stored. With no listener
    (analysis not wired) nothing is stored, rather than a response the counts leave out."""
    from app.analysis import _count
    from app.models import Response
    from app.staff_voice.responses import NobodyCounts, response_stored

    wave = open_wave(orgs[0])
    survey = for_wave(wave)
    answers = random_answers(survey, random.Random(1))
    record_submission(wave, survey, answers, secrets.token_hex(8), today())
    db.session.commit()
    assert sum(kept_counts(wave.id)[1].values()) == 1
    response_stored.disconnect(_count)
    try:
        with pytest.raises(NobodyCounts):
            record_submission(wave, survey, answers, secrets.token_hex(8), today())
    finally:
        response_stored.connect(_count)
    db.session.rollback()
    assert Response.query.filter_by(wave_id=wave.id).count() == 1
    assert sum(kept_counts(wave.id)[1].values()) == 1

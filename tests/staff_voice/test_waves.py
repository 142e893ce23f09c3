"""app/staff_voice/waves.py: by_token gives each request a wave of its own, outside the
database session, from the row it keeps."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.staff_voice import waves
from tests.support.staff_voice import open_wave, today


def test_each_call_gets_its_own_detached_wave_and_the_kept_row_stays_as_read(app, orgs):
    wave = open_wave(orgs[0])
    db.session.commit()
    token, closes = wave.token, wave.closes_on
    with app.test_request_context("/"):
        first, second = waves.by_token(token), waves.by_token(token)
        assert first is not second
        assert inspect(first).detached and inspect(second).detached
        assert (first.id, first.token, first.closes_on) == (wave.id, token, closes)
        set_committed_value(first, "closes_on", today())  # as is_open(lock=True) refreshes it
        assert waves.by_token(token).closes_on == closes
        assert waves.by_token("no-such-token") is None

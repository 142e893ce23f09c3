"""Migration 0014 gives every existing wave a short address: six characters from the alphabet
without lookalikes, different for each wave, and the column then refuses a duplicate."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.staff_voice.short_links import ALPHABET
from tests.support import dbutil

WAVES = 40


@pytest.fixture
def old_database(tmp_path):
    """A database at revision 0013 holding waves made before short addresses existed."""
    url, cleanup = dbutil.fresh_database(tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0013")
        _add_old_waves()
        yield app
        db.session.remove()
        db.engine.dispose()
    cleanup()


def _add_old_waves() -> None:
    tables = sa.MetaData()
    tables.reflect(db.engine, only=["systems", "organisations", "definition_snapshots",
                                    "staff_voice_waves"])
    t = tables.tables
    now = datetime(2026, 1, 5, 9, 0)
    with db.engine.begin() as conn:
        conn.execute(t["systems"].insert(), {"id": 1, "code": "QZ9", "name": "Test ICS"})
        conn.execute(t["organisations"].insert(), {
            "id": 1, "code": "RA1", "name": "Trust A", "type": "trust", "system_id": 1})
        conn.execute(t["definition_snapshots"].insert(), {
            "id": 1, "survey_id": "staff_voice_bands_2_4", "version": 1, "kind": "staff_voice",
            "content_hash": "0" * 64, "definition": "{}", "loaded_at": now})
        conn.execute(t["staff_voice_waves"].insert(), [{
            "id": n, "organisation_id": 1, "survey_id": "staff_voice_bands_2_4",
            "snapshot_id": 1, "opens_on": date(2026, 1, 5), "closes_on": date(2026, 2, 5),
            "token": f"token-{n}", "uses_codes": False, "headcounts": "{}", "created_at": now,
            "min_group_size": 11} for n in range(1, WAVES + 1)])


def _short_codes() -> dict[int, str]:
    with db.engine.connect() as conn:
        return dict(conn.execute(sa.text("SELECT id, short_code FROM staff_voice_waves")).all())


def test_0014_fills_every_existing_wave_with_its_own_short_address(old_database):
    upgrade(revision="0014")
    short = _short_codes()
    assert sorted(short) == list(range(1, WAVES + 1))
    assert all(len(s) == 6 and set(s) <= set(ALPHABET) for s in short.values())
    assert len(set(short.values())) == WAVES
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE staff_voice_waves SET short_code = :s WHERE id = 2"),
                     {"s": short[1]})


def test_0014_keeps_the_waves_and_what_hangs_off_them(old_database):
    """On SQLite nothing is rebuilt, so no wave's access codes go with a dropped table."""
    with db.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO staff_voice_access_codes (wave_id, code_hash, spent) "
                             "VALUES (1, :h, false)"), {"h": "a" * 64})
    upgrade(revision="0014")
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM staff_voice_access_codes")).scalar() == 1
        tokens = conn.execute(sa.text("SELECT token FROM staff_voice_waves ORDER BY id")).scalars()
        assert list(tokens) == [f"token-{n}" for n in range(1, WAVES + 1)]

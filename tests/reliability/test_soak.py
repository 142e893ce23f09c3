"""R1 durability: SIGKILL gunicorn (master and workers) during a write load; acknowledged
submissions are stored exactly once and the database is intact. A short run is part of every
suite; `make soak` runs the full one (SOAK_KILLS, default 100)."""

from __future__ import annotations

import os

import pytest

from tests.reliability import soak
from tests.support import dbutil


def run_soak(tmp_path, kills: int):
    url, cleanup = dbutil.fresh_database(tmp_path)
    try:
        outcome = soak.run(url, tmp_path, kills=kills)
    finally:
        cleanup()
    assert outcome.kills == kills
    assert not outcome.problems, outcome.problems
    assert len(outcome.acknowledged) >= kills // 5, "too few submissions to prove anything"
    return outcome


def test_short_kill_soak(tmp_path):
    run_soak(tmp_path, kills=5)


@pytest.mark.slow
def test_full_kill_soak(tmp_path):
    run_soak(tmp_path, kills=int(os.environ.get("SOAK_KILLS", "100")))

"""The project's own definitions in survey_defs/ all load without errors."""

from __future__ import annotations

from app.surveys import load_dir
from tests.support.paths import SURVEY_DEFS


def test_every_definition_loads():
    catalogue = load_dir(SURVEY_DEFS)
    assert [str(e) for e in catalogue.errors] == []
    assert catalogue.surveys, "no definitions found"

"""The project's own definitions in survey_defs/ all load without errors."""

from __future__ import annotations

from pathlib import Path

from app.surveys import load_dir

SURVEY_DEFS = Path(__file__).parents[2] / "survey_defs"


def test_every_definition_loads():
    catalogue = load_dir(SURVEY_DEFS)
    assert [str(e) for e in catalogue.errors] == []
    assert catalogue.surveys, "no definitions found"

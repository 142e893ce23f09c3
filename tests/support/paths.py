"""Where things are in the repository, for tests that read files beside the code (templates,
definitions, docs). One place, so a test file can move between folders without recounting
`parents[...]`."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
TESTS = ROOT / "tests"
SURVEY_DEFS = ROOT / "survey_defs"
DOCS = ROOT / "docs"

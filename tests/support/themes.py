"""The labelled sets of texts in tests/support/theme_corpus/ (written for the theme tests: each
text with the themes a careful reader gives it), loaded."""

from __future__ import annotations

from functools import cache

import yaml

from tests.support.paths import TESTS

FOLDER = TESTS / "support" / "theme_corpus"


@cache
def labelled(name: str) -> dict:
    """{"themes": {id: name}, "texts": [{"text", "themes", ...}], "campaign": [...],
    "awkward": [...]} for "consultation" or "ics"."""
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def texts(name: str) -> list[str]:
    return [t["text"] for t in labelled(name)["texts"]]

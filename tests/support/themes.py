"""The labelled sets of texts in tests/support/theme_corpus/ (written for the theme tests: each
text with the themes a careful reader gives it), loaded."""

from __future__ import annotations

from functools import cache

import yaml

from app import consultations
from app.analysis.theming import corpora, store
from app.definitions import get_survey, store_snapshot
from app.extensions import db
from app.models import ThemeAnalysis
from tests.support.paths import TESTS

FOLDER = TESTS / "support" / "theme_corpus"


@cache
def labelled(name: str) -> dict:
    """{"themes": {id: name}, "texts": [{"text", "themes", ...}], "campaign": [...],
    "awkward": [...]} for "consultation" or "ics"."""
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def texts(name: str) -> list[str]:
    return [t["text"] for t in labelled(name)["texts"]]


TYPES = ("nhs_provider", "partner_org", "staff", "trade_union")


def seed_consultation(count: int | None = None, start: int = 0) -> list[str]:
    """The labelled consultation texts, from the `start`th, as framework review responses
    (their "what was missing" answer), respondent types in turn, every other one consenting
    to publication. Returns the texts in the order stored. Call in an app context; commits."""
    review = get_survey("framework_review", kind="consultation")
    store_snapshot(review, actor="test")
    chosen = texts("consultation")[start:None if count is None else start + count]
    for n, text in enumerate(chosen, start=start):
        answers = {"respondent_type": TYPES[n % len(TYPES)], "used_framework": "no",
                   "used_diagnostic": "no", "what_was_missing": text,
                   "publish_consent": "publish_anonymously" if n % 2 == 0 else "do_not_publish"}
        if answers["respondent_type"] in ("partner_org", "nhs_provider", "trade_union"):
            answers["organisation_name"] = "Somewhere"
        consultations.store_consultation_response(review, answers, f"theme-test-{n}")
    db.session.commit()
    return chosen


def sign_off_ics_themes(system, words: dict[str, str]) -> None:
    """Sign off an ICS theme analysis by hand: each theme name tagged on every text of the
    system's compilation containing its word (no discovery: hand-built systems are small)."""
    corpus = corpora.ics_texts(system)
    analysis = ThemeAnalysis(scope="ics", scope_key=system.code)
    db.session.add(analysis)
    db.session.flush()
    for name, word in words.items():
        theme = store.add(analysis, name)
        keys = [e.key for e in corpus.entries if word in e.text.lower()]
        store.tag(analysis, keys, {theme.key}, "analyst@example.nhs.uk", replace=False)
    store.sign_off(analysis, "analyst@example.nhs.uk")
    db.session.commit()

"""Solving the disclosure audit layer by layer (app/analysis/layers.py) gives what one
programme over each part gives. Pure: no database."""

from __future__ import annotations

import random

import pytest

from app.analysis import audit as audit_module
from app.analysis.audit import ANSWERED, KeySpec, audit
from tests.support.audit_ledgers import BANDS, VALUES, Q, row


def _random_ledger(rng: random.Random):
    """Waves of random small and large bands, two questions (one asked only of those who gave
    one answer to the other), each wave's release with primary suppression and a system
    release over all of them."""
    follow = ("yes", "no", "unsure")
    specs = (KeySpec(Q, VALUES, always=True),
             KeySpec("why", follow, when=(Q, ("disagree",)), required=True))
    waves = range(1, rng.randint(2, 4) + 1)
    truth: dict = {}
    for w in waves:
        for b in BANDS:
            n = rng.choice((0, rng.randint(1, 10), rng.randint(11, 40)))
            no = rng.randint(0, n)
            why = [rng.randint(0, no) for _ in range(2)]
            why = [min(why), max(why) - min(why), no - max(why)]
            truth.update({(w, b, "", ""): n, (w, b, Q, ANSWERED): n, (w, b, Q, "agree"): n - no,
                          (w, b, Q, "disagree"): no, (w, b, "why", ANSWERED): no,
                          **{(w, b, "why", v): k for v, k in zip(follow, why, strict=True)}})
    layers = [("", ""), (Q, ANSWERED), (Q, "agree"), (Q, "disagree"), ("why", ANSWERED),
              *(("why", v) for v in follow)]
    figures = []
    for w in waves:
        shown = {b for b in BANDS if truth[(w, b, "", "")] >= 11}
        figures += row(f"wave {w}", [w], truth, shown, layers=layers)
    shown = {b for b in BANDS if sum(truth[(w, b, "", "")] for w in waves) >= 11}
    figures += row("system", list(waves), truth, shown, layers=layers)
    return figures, {w: specs for w in waves}, truth


@pytest.mark.parametrize("seed", range(16))
def test_solving_by_layers_finds_what_one_programme_finds(seed, monkeypatch):
    """Both ways are exact: on random ledgers they name the same figures, the same way."""
    figures, specs, truth = _random_ledger(random.Random(seed))

    def found(layered_from):
        monkeypatch.setattr(audit_module, "LAYERED_FROM", layered_from)
        return {(v.figure.release, v.figure.waves, v.figure.bands, v.figure.key,
                 v.figure.value, v.problem) for v in audit(figures, specs, truth)}

    layered = found(2)
    assert layered == found(10**9)


def test_the_random_ledgers_give_something_away():
    """Not a comparison of two empty sets: most of these ledgers leak (per-wave primary
    suppression alone, with a system release over them, is the issue's attack)."""
    leaky = sum(bool(audit(*_random_ledger(random.Random(seed)))) for seed in range(16))
    assert leaky >= 8

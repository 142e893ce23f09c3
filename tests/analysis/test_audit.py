"""The disclosure audit on hand-made ledgers: the issue's attacks are each found, and a ledger
that protects its small groups passes. Pure: no database."""

from __future__ import annotations

import pytest

from app.analysis import audit as audit_module
from app.analysis.audit import ANSWERED, KeySpec, audit
from tests.support.audit_ledgers import BANDS, VALUES, Q
from tests.support.audit_ledgers import row as _row


def _truth(sizes: dict[int, tuple[int, int, int]], agree: dict | None = None) -> dict:
    """Respondents per wave and band; everyone answers Q, `agree[(wave, band)]` of them agree
    (default: about half)."""
    truth = {}
    for w, per_band in sizes.items():
        for b, n in zip(BANDS, per_band, strict=True):
            yes = (agree or {}).get((w, b), n // 2)
            truth.update({(w, b, "", ""): n, (w, b, Q, ANSWERED): n, (w, b, Q, "agree"): yes,
                          (w, b, Q, "disagree"): n - yes})
    return truth


SPECS = (KeySpec(Q, VALUES, always=True),)


def _specs(*waves):
    return {w: SPECS for w in waves}


@pytest.fixture(autouse=True, params=["whole", "layered"])
def solving(request, monkeypatch):
    """Every case both ways: each part one programme, and (as big systems are) respondents
    first, then each question's block (app/analysis/layers.py)."""
    if request.param == "layered":
        monkeypatch.setattr(audit_module, "LAYERED_FROM", 2)
    return request.param


def test_a_moving_hidden_pattern_gives_the_small_band_away():
    """The issue's organisation lead: All bands stays 30; Band 3 shown as 12, later Band 2 as
    14, so Band 4 = 4."""
    truth = _truth({1: (14, 12, 4)})
    first = _row("visit 1", [1], truth, {"3"})
    assert audit(first, _specs(1), truth) == []  # each visit alone protects Band 4
    second = _row("visit 2", [1], truth, {"2"})
    found = audit(first + second, _specs(1), truth)
    pinned = {(v.figure.bands, v.low, v.high) for v in found}
    assert (("4",), 4, 4) in pinned


def test_system_totals_over_time_give_a_hidden_band_away():
    """System Band 2 goes 20 -> 30 when a wave with a hidden Band 2 of 10 joins."""
    truth = _truth({1: (20, 15, 15), 2: (10, 14, 13)})
    wave_2 = _row("wave 2", [2], truth, {"3", "4"}, total=False)  # Band 2 and all bands hidden
    before = _row("system before", [1], truth, set(BANDS))
    after = _row("system after", [1, 2], truth, set(BANDS))
    assert audit(wave_2 + before, _specs(1, 2), truth) == []
    found = audit(wave_2 + before + after, _specs(1, 2), truth)
    assert any(v.figure.waves == (2,) and v.figure.bands == ("2",) and v.low == v.high == 10
               for v in found)


def test_answer_counts_pin_a_hidden_group_and_what_it_said():
    """Shown bands publish how many gave each answer; with "All bands", non-negative counts
    pin a hidden band whose answers were concentrated."""
    truth = _truth({1: (20, 15, 6)}, agree={(1, "2"): 0, (1, "3"): 15, (1, "4"): 6})
    layers = (("", ""), (Q, ANSWERED), (Q, "agree"), (Q, "disagree"))
    # Band 3 and Band 4 hidden (21 together, so respondent counts alone protect them)...
    figures = _row("wave", [1], truth, {"2"}, layers=layers)
    found = audit(figures, _specs(1), truth)
    # ...but all 21 of them agreed, so Band 4 is known to have agreed, every one.
    assert any("everyone in the hidden group" in v.problem and v.figure.bands == ("4",)
               for v in found)


def test_answered_counts_of_an_optional_question_bound_a_hidden_group():
    """Answered <= respondents: a shown answered count can bound a hidden group from below,
    and the margin from above."""
    spec = (KeySpec("comment", (), always=False),)
    truth = {(1, "2", "", ""): 30, (1, "3", "", ""): 5, (1, "4", "", ""): 12,
             (1, "2", "comment", ANSWERED): 30, (1, "3", "comment", ANSWERED): 5,
             (1, "4", "comment", ANSWERED): 0}
    figures = _row("wave", [1], truth, {"2"})  # Bands 3 and 4 hidden: 17 together
    assert audit(figures, {1: spec}, truth) == []
    figures += _row("wave", [1], truth, {"2", "4"}, layers=(("comment", ANSWERED),))
    found = audit(figures, {1: spec}, truth)
    assert any(v.figure.bands == ("3",) for v in found)


def test_a_protected_system_passes():
    """Two waves, each hiding two bands in a cycle with the other, system totals shown: every
    hidden group could be small or large, and none is pinned."""
    truth = _truth({1: (4, 20, 12), 2: (15, 7, 30)})
    figures = (_row("wave 1", [1], truth, {"4"}) + _row("wave 2", [2], truth, {"4"})
               + _row("system", [1, 2], truth, {"4"}, total=True))
    assert audit(figures, _specs(1, 2), truth) == []


def test_a_hidden_zero_needs_no_protection():
    truth = _truth({1: (0, 20, 12)})
    assert audit(_row("wave", [1], truth, {"3", "4"}), _specs(1), truth) == []


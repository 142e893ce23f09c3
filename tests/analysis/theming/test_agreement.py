"""Agreement between two coders (app/analysis/theming/agreement.py), against figures worked by
hand."""

from __future__ import annotations

import pytest

from app.analysis.theming.agreement import agreement


def test_f1_and_kappa_as_worked_by_hand():
    # 10 texts; theme "a": both 3, only first 1, only second 2, neither 4.
    first = {n: ({"a"} if n in (0, 1, 2, 3) else set()) for n in range(10)}
    second = {n: ({"a"} if n in (0, 1, 2, 4, 5) else set()) for n in range(10)}
    [row] = agreement(first, second, ["a"]).themes
    assert (row.both, row.only_a, row.only_b, row.neither) == (3, 1, 2, 4)
    assert row.f1 == pytest.approx(6 / 9)  # 2*3 / (2*3 + 1 + 2)
    # observed 0.7; chance 0.4*0.5 + 0.6*0.5 = 0.5; kappa (0.7-0.5)/(1-0.5) = 0.4
    assert row.kappa == pytest.approx(0.4)


def test_only_texts_both_coded_count_and_degenerate_themes_are_said_so():
    first = {"x": {"a"}, "y": {"a"}, "z": set()}
    second = {"x": {"a"}, "y": {"a"}}
    found = agreement(first, second, ["a", "b"])
    assert found.texts == 2
    a, b = found.themes
    assert a.f1 == 1.0 and a.kappa is None  # both gave it to every text: chance is certain
    assert b.f1 == 1.0 and b.kappa is None  # neither gave it to any
    assert found.macro_f1 == 1.0 and found.macro_kappa is None

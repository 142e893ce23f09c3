"""The staged plan (app/diagnostic/plan.py): by default one element a month, in order."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from app import definitions
from app.diagnostic import plan


def test_default_plan_is_one_element_a_month(app):
    survey = definitions.diagnostic()
    starts = plan.default_starts(survey, date(2026, 11, 30))
    assert list(starts.values())[:4] == [date(2026, 11, 30), date(2026, 12, 30),
                                         date(2027, 1, 30), date(2027, 2, 28)]


def test_default_due_dates_end_the_day_before_the_next_start(app):
    starts = {"a": date(2026, 1, 1), "b": date(2026, 2, 1), "c": date(2026, 2, 1),
              "d": date(2026, 3, 15)}
    assert plan.default_dues(starts) == {
        "a": date(2026, 1, 31),
        # two elements starting together: the first lasts a month, the second runs to the next
        "b": date(2026, 2, 28), "c": date(2026, 3, 14),
        "d": date(2026, 4, 14)}


def test_unfinished_before_lists_earlier_planned_elements_not_complete(app):
    rows = [SimpleNamespace(element=SimpleNamespace(id=i), starts_on=s, completed=c)
            for i, s, c in [("a", date(2026, 1, 1), True), ("b", date(2026, 2, 1), False),
                            ("c", None, False), ("d", date(2026, 4, 1), False)]]
    assert [r.element.id for r in plan.unfinished_before(rows, "d")] == ["b"]
    assert plan.unfinished_before(rows, "b") == []

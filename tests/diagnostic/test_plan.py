"""The staged plan (app/diagnostic/plan.py): by default one element a month, in order."""

from __future__ import annotations

from datetime import date

from app import definitions
from app.diagnostic import plan


def test_default_plan_is_one_element_a_month(app):
    survey = definitions.diagnostic()
    starts = plan.default_starts(survey, date(2026, 11, 30))
    assert list(starts.values())[:4] == [date(2026, 11, 30), date(2026, 12, 30),
                                         date(2027, 1, 30), date(2027, 2, 28)]

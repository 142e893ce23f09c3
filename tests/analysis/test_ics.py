"""Compilation figures on the hand-built system (tests/support/ics_system.py), whose answers are
known: heat map, completion, shared gaps, consistency, buddying, plan progress, filters."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.analysis import ics, ics_plan
from app.extensions import db
from tests.support.ics_system import PH, REL, assess

TODAY = date(2026, 3, 1)


def names(orgs):
    return [o.name for o in orgs]


def test_heat_map_has_rating_words_colours_and_completion(hand_built, system):
    comp = ics.compile_system(system, today=TODAY)
    rows = {r.org.code: r for r in comp.rows}
    assert [r.org.name for r in comp.rows] == ["Alpha Trust", "Beta Trust", "Delta Care",
                                               "Gamma Practice"]
    assert (rows["AL1"].cells[PH].word, rows["AL1"].cells[PH].colour) == ("In place", "green")
    assert (rows["BE2"].cells[PH].word, rows["BE2"].cells[PH].colour) == ("Not in place", "red")
    assert (rows["GA3"].cells[PH].word, rows["GA3"].cells[PH].colour) == (
        "Partly in place", "amber")
    assert rows["BE2"].cells["environment"].word == "Not rated"
    assert rows["BE2"].cells["environment"].colour == "none"
    assert rows["DE4"].assessment is None
    assert rows["AL1"].completion == 100 and rows["AL1"].rated == rows["AL1"].total
    assert rows["BE2"].rated == rows["BE2"].cells[PH].total + rows["BE2"].cells[REL].total
    assert rows["AL1"].cells[PH].completed and not rows["AL1"].cells[REL].completed


def test_shared_gaps_rank_elements_and_items_by_organisations_rating_low(hand_built, system):
    comp = ics.compile_system(system, today=TODAY)
    gaps = ics.shared_gaps(comp)
    assert (gaps[0].id, gaps[0].low, gaps[0].rated) == (REL, 2, 3)
    assert names(gaps[0].organisations) == ["Alpha Trust", "Beta Trust"]
    assert gaps[0].counts == {"1": 2, "3": 1}
    assert (gaps[1].id, gaps[1].low, gaps[1].rated) == (PH, 1, 3)
    assert all(g.low == 0 and g.rated == 1 for g in gaps[2:])
    items = ics.shared_item_gaps(comp, limit=100)
    assert items[0].low == 2 and items[0].element_title == "Relationships"
    assert {i.low for i in items} == {1, 2}
    assert sum(1 for i in items if i.low == 2) == len(
        comp.survey.element(REL).items())


def test_consistency_puts_the_element_where_organisations_differ_most_first(hand_built, system):
    spreads = ics.consistency(ics.compile_system(system, today=TODAY))
    first, second = spreads[0], spreads[1]
    assert first.id == REL and first.n == 3
    assert first.sd == pytest.approx((24 / 27) ** 0.5)
    assert (first.lowest, first.highest) == (1, 3)
    assert names(first.lowest_orgs) == ["Alpha Trust", "Beta Trust"]
    assert names(first.highest_orgs) == ["Gamma Practice"]
    assert second.id == PH and second.sd == pytest.approx((2 / 3) ** 0.5)
    assert second.mean == pytest.approx(2)
    assert all(s.sd == 0 and s.n == 1 for s in spreads[2:])


def test_buddying_pairs_weak_with_strong_organisations(hand_built, system):
    rows = {b.id: b for b in ics.buddying(ics.compile_system(system, today=TODAY))}
    assert names(rows[PH].strong) == ["Alpha Trust"]
    assert names(rows[PH].weak) == ["Beta Trust"]
    assert [(w.name, s.name) for w, s in rows[PH].pairs] == [("Beta Trust", "Alpha Trust")]
    assert names(rows[REL].strong) == ["Gamma Practice"]
    assert [(w.name, s.name) for w, s in rows[REL].pairs] == [
        ("Alpha Trust", "Gamma Practice"), ("Beta Trust", "Gamma Practice")]
    assert names(rows["environment"].strong) == ["Alpha Trust"]
    assert rows["environment"].weak == [] and rows["environment"].pairs == []


def test_plan_progress_counts_completed_rating_and_not_started(hand_built, system):
    rows = ics_plan.plan_progress(ics.compile_system(system, today=TODAY))
    assert [r.id for r in rows][:2] == [PH, REL]  # plan order: one a month from January
    ph = rows[0]
    assert ph.starts_on == date(2026, 1, 1) and ph.started
    assert names(ph.completed) == ["Alpha Trust"]
    assert names(ph.in_progress) == ["Beta Trust", "Gamma Practice"]
    assert names(ph.not_started) == ["Delta Care"]
    assert len(ph.behind) == 3
    env = next(r for r in rows if r.id == "environment")
    assert names(env.not_started) == ["Beta Trust", "Gamma Practice", "Delta Care"]
    assert not rows[-1].started and rows[-1].behind == []


def test_type_filter_keeps_only_that_type(hand_built, system):
    comp = ics.compile_system(system, org_type="trust", today=TODAY)
    assert [r.org.code for r in comp.rows] == ["AL1", "BE2"]
    gaps = {g.id: g for g in ics.shared_gaps(comp)}
    assert (gaps[REL].low, gaps[REL].rated) == (2, 2)
    assert ics.buddying(comp)[1].pairs == []  # no trust is strong on relationships


def test_cycle_filter_and_latest(hand_built, system):
    alpha = hand_built["AL1"]
    later = assess(alpha, "2026 Q2", {PH: "1", REL: "3"})
    later.created_at = datetime(2030, 1, 1)
    db.session.commit()
    assert ics.cycles_of(system) == ["2026 Q2", "2026 Q1"]
    latest = {r.org.code: r for r in ics.compile_system(system, today=TODAY).rows}
    assert latest["AL1"].assessment.cycle == "2026 Q2"
    assert latest["AL1"].cells[PH].word == "Not in place"
    assert latest["BE2"].assessment.cycle == "2026 Q1"
    q1 = {r.org.code: r for r in ics.compile_system(system, "2026 Q1", today=TODAY).rows}
    assert q1["AL1"].cells[PH].word == "In place"
    q2 = ics.compile_system(system, "2026 Q2", today=TODAY)
    assert [r.org.code for r in q2.assessed] == ["AL1"]


def test_nothing_to_compile_says_why(app, system, hand_built):
    with pytest.raises(ics.NothingToCompile, match="QZ9 has a diagnostic cycle called .1999 Q1."):
        ics.compile_system(system, "1999 Q1")


def test_a_system_with_no_assessments(app, system):
    with pytest.raises(ics.NothingToCompile, match="has started the diagnostic"):
        ics.compile_system(system)


def test_low_and_strong_come_from_the_scale():
    from app.surveys.schema import Choice

    five = [Choice(str(n), f"L{n}") for n in range(1, 6)] + [Choice("na", "N/A")]
    assert ics.bands_of_scale(five) == ({"1", "2"}, {"4", "5"})
    assert ics.bands_of_scale([Choice("x", "X")]) == (set(), set())

"""Where an organisation stands (app/diagnostic/progress.py): summary ratings and the current
element, which follows the staged plan."""

from datetime import date

from app import definitions
from app.diagnostic import plan, progress
from app.diagnostic.progress import summary_rating


def test_summary_rating_rounds_the_mean_and_ignores_not_applicable(app):
    scale = definitions.diagnostic().rating_scale
    assert summary_rating(scale, ["1", "3", "na", None]).label == "Partly in place"
    assert summary_rating(scale, ["3", "3", "2"]).label == "In place"
    assert summary_rating(scale, ["1", "1", "2"]).label == "Not in place"
    assert summary_rating(scale, ["na", None]) is None


def test_current_element_follows_the_plan(app, assessment, system):
    survey = definitions.diagnostic()
    ids = [e.id for e in survey.elements]
    # The ICS starts with the environment, then data insights, then the rest.
    starts = {eid: date(2027, 1, 1) for eid in ids}
    starts["environment"], starts["data_insights"] = date(2026, 1, 1), date(2026, 2, 1)
    plan.save_plan(system, survey.id, starts)
    rows = progress.element_progress(assessment, survey)
    assert [r.element.id for r in rows][:2] == ["environment", "data_insights"]
    assert progress.current_element(rows, today=date(2026, 1, 15)).element.id == "environment"
    rows[0].completed = True
    assert progress.current_element(rows, today=date(2026, 2, 15)).element.id == "data_insights"
    for r in rows:
        r.completed = True
    assert progress.current_element(rows) is None

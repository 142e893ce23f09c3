"""The trend (app/diagnostic/cycles.py): each element's score per cycle as the mean of its rated
items, with how many were rated and the change, checked against a hand-worked example."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from app import definitions
from app.diagnostic import cycles, workbook_import
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import ItemAnswer

ELEMENT = "environment"


def rate(assessment, ratings: list[str | None]) -> None:
    for item, rating in zip(definitions.diagnostic().element(ELEMENT).items(), ratings,
                            strict=False):
        if rating is not None:
            assessment.answers.append(ItemAnswer(item_id=item.id, rating=rating, version=1))


def test_scores_counts_and_changes_as_worked_by_hand(app, orgs):
    n = len(definitions.diagnostic().element(ELEMENT).items())
    assert n >= 4
    first = cycles.start(orgs[0], "2026 Q1")
    rate(first, ["1", "2", "2", "na"])  # (1 + 2 + 2) / 3 = 1.67 over 3 items; n/a not counted
    db.session.commit()
    second = cycles.start(orgs[0], "2026 Q2")
    rate(second, ["3", "2", "3", "3"])  # (3 + 2 + 3 + 3) / 4 = 2.75 over 4 items
    db.session.commit()
    found, rows = cycles.trend(orgs[0])
    row = next(r for r in rows if r.element_id == ELEMENT)
    (q1, rated1), (q2, rated2) = row.scores
    assert q1 == pytest.approx(5 / 3) and rated1 == 3
    assert q2 == pytest.approx(11 / 4) and rated2 == 4
    assert row.changes == ["", "Up 1.1"]
    assert [r.label for r in row.ratings] == ["Partly in place", "In place"]
    untouched = next(r for r in rows if r.element_id != ELEMENT)
    assert untouched.scores == [(None, 0), (None, 0)] and untouched.changes == ["", ""]


def test_the_page_shows_scores_a_chart_and_real_dates(app, client_for, orgs):
    first = cycles.start(orgs[0], "2026 Q1")
    rate(first, ["1", "2", "2", "na"])
    db.session.commit()
    client, _ = client_for("org_lead")
    page = client.get("/diagnostic/org/RA1/trend").get_data(as_text=True)
    assert "<strong>1.7</strong>" in page and "(3 rated)" in page
    assert 'id="trend-chart-title"' in page or "<svg" in page
    assert "started " in page


def test_the_workbook_has_the_trend_up_to_its_cycle_and_still_imports(app, orgs):
    first = cycles.start(orgs[0], "2026 Q1")
    rate(first, ["1", "2", "2", "na"])
    db.session.commit()
    second = cycles.start(orgs[0], "2026 Q2")
    rate(second, ["3", "2", "3", "3"])
    db.session.commit()
    later = cycles.start(orgs[0], "2026 Q3")
    db.session.commit()

    book = load_workbook(io.BytesIO(diagnostic_xlsx.to_bytes(second)))
    sheet = book["Trend across cycles"]
    assert [c.value for c in sheet[3]] == [
        "Element", "2026 Q1 score", "2026 Q1 items rated", "2026 Q1 change",
        "2026 Q2 score", "2026 Q2 items rated", "2026 Q2 change"]  # not the later Q3
    title = definitions.diagnostic().element(ELEMENT).title
    [row] = [[c.value for c in r] for r in sheet.iter_rows(min_row=4) if r[0].value == title]
    assert row == [title, 1.67, 3, None, 2.75, 4, "Up 1.1"]
    assert sheet["B2"].value.date() == first.created_at.date()
    assert later.id  # a later cycle exists and is left out above

    # The sheet is for reading: importing the workbook passes over it.
    parsed = workbook_import.parse(second, diagnostic_xlsx.to_bytes(second))
    assert parsed.sheets == len(definitions.diagnostic().elements)

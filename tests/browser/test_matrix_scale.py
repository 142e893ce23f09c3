"""A matrix row's scale reads in order: one row, left to right, from the tablet breakpoint up;
one column, top to bottom, on a phone. Each label stays inside its own place in the row."""

from __future__ import annotations

import pytest

from tests.browser.axe import assert_accessible
from tests.support.paths import TESTS
from tests.support.question_probe import use_probe

pytestmark = pytest.mark.presentation  # how pages look: SQLite run only (conftest.py)

SCALE = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"]
# Each row of the matrix: its box, and each option's radio and label boxes, in page order.
LAYOUT_JS = """() => [...document.querySelectorAll('.app-scale')].map(row => {
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {row: box(row), options: [...row.querySelectorAll('.nhsuk-radios__item')].map(item => {
    const label = item.querySelector('label');
    return {value: item.querySelector('input').value, radio: box(item.querySelector('input')),
            label: box(label), item: box(item),
            textFits: label.scrollWidth <= label.clientWidth};
  })};
})"""
SLACK = 0.5  # sub-pixel rounding
ARTIFACTS = TESTS / "artifacts"  # screenshots for reviewers


def _layout(browser, live_server, path: str, width: int, screenshot_name: str) -> list[dict]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server}{path}/questions/scale")
        page.get_by_role("group", name="I feel valued by my team.").get_by_label(
            "Neither agree nor disagree").check()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{screenshot_name}.png"), full_page=True)
        if width == 1280:
            assert_accessible(page)
        return page.evaluate(LAYOUT_JS)
    finally:
        context.close()


def _labels_stay_in_their_row(row: dict) -> None:
    edge = row["row"]
    for option in row["options"]:
        label = option["label"]
        assert label["left"] >= edge["left"] - SLACK and label["right"] <= edge["right"] + SLACK, (
            f"{option['value']}'s label goes beyond its row: {label} in {edge}")
        assert option["textFits"], f"{option['value']}'s words overflow their label"


@pytest.mark.parametrize("width", [1280, 769, 641])
def test_on_a_wide_screen_the_scale_is_one_row_in_order(app, live_server, browser, tmp_path,
                                                        width):
    path = use_probe(app, tmp_path / "defs")
    rows = _layout(browser, live_server, path, width, f"matrix-scale-{width}")
    assert len(rows) == 2
    for row in rows:
        options = row["options"]
        assert [o["value"] for o in options] == SCALE
        tops = [o["radio"]["top"] for o in options]
        assert max(tops) - min(tops) <= SLACK, f"the radios are not on one line: {tops}"
        lefts = [o["radio"]["left"] for o in options]
        assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts), lefts
        _labels_stay_in_their_row(row)
        for option, following in zip(options, options[1:], strict=False):
            assert option["label"]["right"] <= following["item"]["left"] + SLACK, (
                f"{option['value']}'s label runs into {following['value']}")


def test_on_a_phone_the_scale_is_one_column_in_order(app, live_server, browser, tmp_path):
    path = use_probe(app, tmp_path / "defs")
    rows = _layout(browser, live_server, path, 320, "matrix-scale-320")
    for row in rows:
        options = row["options"]
        assert [o["value"] for o in options] == SCALE
        lefts = [o["radio"]["left"] for o in options]
        assert max(lefts) - min(lefts) <= SLACK, f"the radios are not in one column: {lefts}"
        tops = [o["radio"]["top"] for o in options]
        assert tops == sorted(tops) and len(set(tops)) == len(tops), tops
        _labels_stay_in_their_row(row)

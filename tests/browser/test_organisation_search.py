"""The organisation question as a search box (accessible-autocomplete over the select), used
with the keyboard alone: type part of a name, pick it, send, and the organisation's code is
what is stored. It offers only its system's organisations, always ends with "My organisation
is not listed", which reveals the question asking for the name, and passes axe while open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import ConsultationResponse
from app.runner import answers_for
from tests.browser.axe import assert_accessible
from tests.browser.pages import by_label, by_text, press_and_wait, tab_to
from tests.support.paths import TESTS
from tests.support.question_probe import ELSEWHERE, add_organisations, use_probe

NOT_LISTED = "My organisation is not listed"
ARTIFACTS = TESTS / "artifacts"


@pytest.fixture
def probe(app, live_server, browser, tmp_path):
    """A page at 1280 px on the organisation question, the scale page answered; the CSP
    violations and script errors the page reports."""
    path = use_probe(app, tmp_path / "defs")
    add_organisations()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server}{path}/start")
    for row in ("I feel valued by my team.", "My workload is manageable"):
        page.get_by_role("group", name=row).get_by_label("Agree", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where you work")
    yield page, problems
    context.close()


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # for reviewers


def _options(page) -> list[str]:
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    return [text.strip() for text in listbox.get_by_role("option").all_inner_texts()]


def _stored_answers() -> dict:
    response = db.session.scalars(select(ConsultationResponse)).one()
    return answers_for([response.response_id])[response.response_id]


def test_type_part_of_a_name_pick_it_with_the_keyboard_and_its_code_is_stored(probe):
    page, problems = probe
    box = tab_to(page, by_label("Which organisation do you work for?"))
    assert box["tag"] == "INPUT"  # the search box, which the label now names
    page.keyboard.type("mary")
    assert _options(page) == ["St Mary's Hospital", NOT_LISTED]
    _screenshot(page, "organisation-search-1280")
    assert_accessible(page)
    page.keyboard.press("Enter")  # the first match is highlighted: Enter picks it
    expect(page.get_by_role("combobox")).to_have_value("St Mary's Hospital")
    expect(page.get_by_label("What is the name of your organisation?")).to_be_hidden()
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending them")
    expect(page.locator(".nhsuk-summary-list").last).to_contain_text("St Mary's Hospital")
    tab_to(page, by_text("Send my answers"))
    press_and_wait(page)
    expect(page.locator(".nhsuk-panel")).to_contain_text("Your reference is")
    assert _stored_answers()["employer"] == "RD4"
    assert problems == []


def test_only_the_systems_organisations_and_not_listed_last_which_asks_for_the_name(probe):
    page, problems = probe
    tab_to(page, by_label("Which organisation do you work for?"))
    page.keyboard.type("h")  # in every name here, and in the other system's hospital's too
    options = _options(page)
    assert ELSEWHERE[1] not in options and options[-1] == NOT_LISTED
    assert options[:-1] == ["Alder Hey Community Trust", "Beechwood Surgery",
                            "Cedar Lodge Care Home", "St Mary's Hospital"]
    page.keyboard.press("Control+A")
    page.keyboard.type("Northvale Hospice")  # not in the list: only "not listed" is offered
    assert _options(page) == [NOT_LISTED]
    page.keyboard.press("Enter")
    expect(page.get_by_role("combobox")).to_have_value(NOT_LISTED)
    other = tab_to(page, by_label("What is the name of your organisation?"))
    assert other["tag"] == "INPUT"
    page.keyboard.type("Northvale Hospice")
    _screenshot(page, "organisation-not-listed-1280")
    assert_accessible(page)
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    summary = page.locator(".nhsuk-summary-list").last
    expect(summary).to_contain_text(NOT_LISTED)
    expect(summary).to_contain_text("Northvale Hospice")
    tab_to(page, by_text("Send my answers"))
    press_and_wait(page)
    assert _stored_answers() == {"feelings.valued": "agree", "feelings.workload": "agree",
                                 "employer": "not-listed", "employer_other": "Northvale Hospice"}
    assert problems == []


def test_clearing_the_box_clears_the_choice_and_the_error_names_the_box(probe):
    page, problems = probe
    tab_to(page, by_label("Which organisation do you work for?"))
    page.keyboard.type("beech")
    page.keyboard.press("Enter")
    expect(page.get_by_role("combobox")).to_have_value("Beechwood Surgery")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    tab_to(page, by_text("Continue"))
    press_and_wait(page)  # nothing chosen now: the page comes back with the error
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    page.get_by_role("link", name="Select which organisation do you work for").click()
    box = page.get_by_role("combobox")
    expect(box).to_be_focused()
    described = box.get_attribute("aria-describedby") or ""
    assert "employer-error" in described.split()
    assert problems == []


def test_the_search_box_open_on_a_phone(probe):
    page, problems = probe
    page.set_viewport_size({"width": 320, "height": 640})
    tab_to(page, by_label("Which organisation do you work for?"))
    page.keyboard.type("a")
    _options(page)
    size = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert size[0] <= size[1], f"the page scrolls sideways at 320 px: {size}"
    _screenshot(page, "organisation-search-320")
    assert_accessible(page)
    assert problems == []

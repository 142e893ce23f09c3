"""Keyboard only: Tab, Shift+Tab, Space and Enter (and typing), never the mouse or fill().
Focus is always visible, and after an error the focus is on the error summary."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db
from app.staff_voice import codes
from tests.browser.pages import by_label, by_text, focused, press_and_wait, sign_in, tab_to
from tests.support import demo_db
from tests.support.staff_voice import open_wave


def choose(page, label: str) -> None:
    """Tab into the radio group, then move with the arrow keys, as radio groups work."""
    tab_to(page, lambda i: i["tag"] == "INPUT" and i["label"] != "")
    for _ in range(12):
        if focused(page)["label"].startswith(label):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no choice {label!r} on {page.url}")


def assert_error_focus(page) -> None:
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()


def test_consultation_by_keyboard(app, live_server, page, screenshot):
    c.open_now(get_survey("ics_wellbeing_offer"))
    db.session.commit()
    page.goto(live_server + "/consultations/")
    screenshot("consultations-hub")
    page.goto(live_server + "/consultations/ics_wellbeing_offer/")
    screenshot("consultation-page")
    tab_to(page, by_text("Give us your views"))
    press_and_wait(page)
    tab_to(page, by_text("Continue"))
    press_and_wait(page)  # nothing chosen: an error
    assert_error_focus(page)
    screenshot("keyboard-error-summary")
    choose(page, "Member of NHS staff")
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    choose(page, "No")
    tab_to(page, by_label("What one change"))
    page.keyboard.type("Night clinics")
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    choose(page, "Yes, publish my response without my name")
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending them")
    tab_to(page, by_text("Send my answers"))
    press_and_wait(page)
    expect(page.locator(".nhsuk-panel")).to_contain_text("Your reference is")


def test_staff_voice_with_an_access_code_by_keyboard(app, orgs, live_server, page):
    wave = open_wave(orgs[0], uses_codes=True)
    code = codes.make_batch(wave, 1)[0]
    db.session.commit()
    page.goto(f"{live_server}/staff/{wave.token}/")
    tab_to(page, by_text("Start now"))
    press_and_wait(page)
    tab_to(page, by_label("Enter your access code"))
    page.keyboard.type("AAAA-BBBB-CCCC")
    page.keyboard.press("Enter")  # Enter in a text box sends the form
    page.wait_for_load_state()
    assert_error_focus(page)
    tab_to(page, by_label("Enter your access code"))
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
    # Shift+Tab back past the box and Tab forward again: the order is the reading order.
    tab_to(page, by_text("Continue"))
    tab_to(page, by_label("Enter your access code"), back=True)
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    choose(page, "Band 3")
    tab_to(page, by_text("Continue"))
    press_and_wait(page)
    expect(page).not_to_have_title(re.compile("^Error: "))


def test_diagnostic_element_by_keyboard(app, live_server, page, screenshot):
    demo_db.seed()
    sign_in(page, live_server, "org.lead@example.nhs.uk")
    from app import definitions
    from app.diagnostic import cycles
    from app.models import Organisation
    org = db.session.query(Organisation).filter_by(code="RZ1").one()
    assessment = cycles.latest(org)
    item = definitions.for_assessment(assessment).elements[0].items()[0]
    page.goto(f"{live_server}/diagnostic/a/{assessment.id}/item/{item.id}")
    tab_to(page, lambda i: i["tag"] == "INPUT" and i["label"] != "")
    page.keyboard.press("Space")
    tab_to(page, lambda i: i["tag"] == "BUTTON")
    press_and_wait(page)
    assert page.locator(".nhsuk-error-summary").count() == 0 or page.title().startswith("Error")
    screenshot("diagnostic-item-keyboard")

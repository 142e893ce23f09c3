"""A stakeholder answers an open consultation in Chromium, then finds it closed."""

import re

from playwright.sync_api import expect

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db
from tests.browser.axe import assert_accessible


def test_stakeholder_journey_then_closed(app, live_server, page, screenshot):
    survey = get_survey("ics_wellbeing_offer")
    c.open_now(survey)
    db.session.commit()
    page.goto(live_server + "/consultations/")
    page.get_by_role("link", name="Our system-wide staff wellbeing offer").click()
    page.get_by_role("button", name="Give us your views").click()
    # Validation error: nothing chosen.
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select which best describes you")
    page.get_by_label("Member of NHS staff").check()
    page.get_by_role("button", name="Continue").click()
    # The condition: only those who knew the offer are asked whether it meets needs. It reads
    # a question on the same page, so app.js reveals it as the answer changes.
    needs = page.locator(".app-conditional").filter(has_text="The offer meets the needs")
    expect(needs).to_be_hidden()
    page.get_by_label("Yes", exact=True).check()
    expect(needs).to_be_visible()
    page.get_by_label("No", exact=True).check()
    expect(needs).to_be_hidden()
    page.get_by_label("What one change would make the offer better?").fill("Night clinics")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes, publish my response without my name").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending them")
    expect(page.locator("main")).not_to_contain_text("The offer meets the needs")
    screenshot("consultation-check-answers")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".nhsuk-panel")).to_contain_text("Your reference is")
    expect(page.locator("#reference")).to_have_text(re.compile(r"^[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    screenshot("consultation-confirmation")

    c.close_now(survey, reason="Closed for the test")
    db.session.commit()
    page.goto(live_server + "/consultations/ics_wellbeing_offer/")
    expect(page.get_by_role("button", name="Give us your views")).to_have_count(0)
    page.goto(live_server + "/consultations/ics_wellbeing_offer/start")
    expect(page.get_by_role("heading", level=1)).to_have_text("This consultation is closed")


def test_welsh_consultation_passes_axe_with_its_errors_and_counter_in_welsh(
        app, live_server, page):
    c.open_now(get_survey("ics_wellbeing_offer"))
    db.session.commit()
    page.goto(live_server + "/consultations/?lang=cy")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert_accessible(page)
    page.get_by_role("link", name="Ein cynnig llesiant staff ar draws y system").click()
    assert_accessible(page)
    page.get_by_role("button", name="Rhowch eich barn i ni").click()
    page.get_by_role("button", name="Parhau").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Dewiswch pa un sy'n eich disgrifio orau")
    assert_accessible(page)
    page.get_by_label("Aelod o staff y GIG").check()
    page.get_by_role("button", name="Parhau").click()
    page.get_by_label("Pa un newid a fyddai'n gwneud y cynnig yn well?").fill("Clinigau nos")
    # The character count's script speaks Welsh too (its words come from the catalogue).
    expect(page.locator(".nhsuk-character-count__status").first).to_contain_text("nod ar ôl")
    assert_accessible(page)

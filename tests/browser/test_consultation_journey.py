"""A stakeholder answers an open consultation in Chromium, then finds it closed."""

import re

from playwright.sync_api import expect

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db


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

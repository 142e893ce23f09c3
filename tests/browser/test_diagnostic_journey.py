"""An org lead, in Chromium, starts a cycle, answers an item, adds an action, records the
element's discussion and sees the element complete."""

import re

from playwright.sync_api import expect

from tests.browser.pages import fill_date, sign_in
from tests.support.clients import PASSWORD


def test_org_lead_completes_one_element_with_an_action(app, live_server, page, screenshot,
                                                       make_user):
    lead = make_user("org_lead", email="lead@example.nhs.uk")
    sign_in(page, live_server, lead.email, PASSWORD)  # waits for the signed-in page

    page.get_by_role("link", name="Diagnostic").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Health and wellbeing diagnostic")
    page.get_by_role("link", name="Start a new cycle").click()
    page.get_by_label("Name of this cycle").fill("2026 Q1")
    page.get_by_role("radio", name="Full: ratings, current offer, evidence, gaps and actions"
                     ).check()
    page.get_by_role("button", name="Start cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diagnostic: 2026 Q1")

    current = page.locator("#current-element")
    expect(current).to_contain_text("Improving personal health and wellbeing")
    current.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Improving personal health and wellbeing")

    page.get_by_role("link", name=re.compile("^Answer")).first.click()
    page.get_by_role("radio", name="Partly in place").check()
    page.get_by_label("What is in place now?").fill("Self-referral talking therapies")
    page.get_by_label("What gaps are there?").fill("Night staff cannot reach the service")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".app-flash")).to_contain_text("Saved your answer")

    page.locator("main").get_by_role("link", name=re.compile("^Change")).first.click()
    page.get_by_role("link", name=re.compile("Add an action")).click()
    page.get_by_label("What will be done?").fill("Run an evening clinic for night staff")
    page.get_by_label("Who owns this action?").fill("Head of Occupational Health")
    fill_date(page, 31, 3, 2026)
    page.get_by_role("radio", name="In progress").check()
    page.get_by_role("button", name="Save action").click()
    actions = page.locator("#actions + div table")
    expect(actions).to_contain_text("Run an evening clinic for night staff")
    expect(actions).to_contain_text("31 March 2026")

    page.get_by_role("link", name="Record the discussion").click()
    fill_date(page, 20, 1, 2026)
    page.get_by_label("What did you discuss?").fill("Reviewed the offer with HR and OH")
    page.get_by_label("What did you decide?").fill("Fund the evening clinic")
    page.get_by_role("button", name="Save and mark the element complete").click()

    expect(page.locator(".app-flash")).to_contain_text("is marked complete")
    row = page.get_by_role("row", name=re.compile("Improving personal health"))
    expect(row).to_contain_text("Completed")
    expect(row).to_contain_text("1 of")
    # The next element is now the current one.
    expect(page.locator("#current-element")).to_contain_text("Relationships")
    screenshot("diagnostic-element-complete")

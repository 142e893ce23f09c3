"""A real browser signs in as the demo admin and reaches the admin dashboard."""

import re

from playwright.sync_api import expect

from app import demo


def test_demo_admin_signs_in_and_reaches_the_dashboard(app, live_server, page, screenshot):
    demo.seed()
    page.goto(live_server + "/")
    expect(page).to_have_title(re.compile("Home - Health and wellbeing"))
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email address").fill("admin@example.nhs.uk")
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Admin").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Admin dashboard")
    screenshot("admin-dashboard")


def test_wrong_password_shows_the_error_summary(app, live_server, page, screenshot):
    demo.seed()
    page.goto(live_server + "/sign-in")
    page.get_by_label("Email address").fill("admin@example.nhs.uk")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter a correct email address and password")
    # NHS.UK frontend moves focus to the error summary so screen readers announce it.
    expect(summary).to_be_focused()
    expect(page.get_by_label("Email address")).to_have_value("admin@example.nhs.uk")
    screenshot("sign-in-error")


def test_org_lead_cannot_open_admin(app, live_server, page):
    demo.seed()
    page.goto(live_server + "/sign-in")
    page.get_by_label("Email address").fill("org.lead@example.nhs.uk")
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    response = page.goto(live_server + "/admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page")

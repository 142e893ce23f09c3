"""A real browser signs in as the demo admin and reaches the admin dashboard."""

import re

from playwright.sync_api import expect

from app import demo
from tests.browser.pages import sign_in
from tests.support import demo_db


def test_demo_admin_signs_in_and_reaches_the_dashboard(app, live_server, page, screenshot):
    demo_db.seed()
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
    demo_db.seed()
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
    demo_db.seed()
    page.goto(live_server + "/sign-in")
    page.get_by_label("Email address").fill("org.lead@example.nhs.uk")
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    response = page.goto(live_server + "/admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page")


def test_sign_out_is_a_header_button_reached_by_keyboard(app, live_server, page, screenshot):
    demo_db.seed()
    sign_in(page, live_server, "admin@example.nhs.uk")
    header = page.locator("header")
    expect(header.get_by_role("link", name="Change password")).to_be_visible()
    button = header.get_by_role("button", name="Sign out")
    expect(button).to_be_visible()
    screenshot("header-signed-in")
    # Tab from the change-password link lands on the button; Enter sends the form.
    header.get_by_role("link", name="Change password").focus()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".app-flash")).to_contain_text("You have signed out")
    expect(page.locator("header").get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(live_server + "/admin/")
    assert "/sign-in" in page.url


def test_an_old_sign_out_bookmark_asks_before_signing_out(app, live_server, page):
    demo_db.seed()
    sign_in(page, live_server, "admin@example.nhs.uk")
    response = page.goto(live_server + "/sign-out")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    assert page.goto(live_server + "/admin/").status == 200  # the visit did not sign out
    page.goto(live_server + "/sign-out")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign out").click()
    expect(page.locator(".app-flash")).to_contain_text("You have signed out")

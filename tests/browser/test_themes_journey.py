"""An admin, in Chromium and by keyboard where it matters, finds themes in a consultation's
free-text answers, renames one, discards one, adds one, tags texts found by a search (select
all), signs off, and sees the counts; axe-core checks each page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import sign_in
from tests.support.clients import PASSWORD
from tests.support.themes import seed_consultation

BASE = "/admin/consultations/framework_review/themes"


def test_admin_finds_decides_tags_and_signs_off(app, live_server, page, make_user, screenshot):
    seed_consultation(150)
    admin = make_user("admin", email="analyst@example.nhs.uk")
    sign_in(page, live_server, admin.email, PASSWORD)
    page.goto(live_server + f"{BASE}/")
    page.get_by_role("link", name=re.compile("What was missing|missing", re.I)).first.click()
    page.get_by_role("button", name="Find themes").click()
    expect(page.locator(".app-flash")).to_contain_text("Found")
    assert_accessible(page)

    cards = page.locator(".nhsuk-card[id^=theme-]")
    first = cards.nth(0)
    first.get_by_label(re.compile("^New name")).fill("Staffing and workload")
    first.get_by_role("button", name="Rename").click()
    expect(page.locator(".app-flash")).to_contain_text("Staffing and workload")
    while page.locator(".nhsuk-card[id^=theme-]").filter(has_text="To decide").count():
        card = page.locator(".nhsuk-card[id^=theme-]").filter(has_text="To decide").first
        button = card.get_by_role("button", name="Accept")
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")  # keyboard only
    page.get_by_label("Add a theme of your own").fill("Pay and money worries")
    page.get_by_role("button", name="Add theme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tag texts")
    assert_accessible(page)

    page.get_by_label("Words in the text").fill("pay")
    page.get_by_role("button", name="Search").click()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Select all")).click()
    boxes = page.locator("input[name=keys]")
    assert boxes.count() >= 3 and page.locator("input[name=keys]:checked").count() == \
        boxes.count()
    page.get_by_role("checkbox", name="Pay and money worries").check()
    page.get_by_role("button", name="Tag the selected texts").click()
    expect(page.locator(".app-flash")).to_contain_text("Tagged")
    page.get_by_role("link", name="Back to the themes").click()
    page.get_by_role("button", name="Sign off the themes").click()
    expect(page.locator("#state")).to_contain_text("Signed off")
    counts = page.locator("#theme-counts")
    expect(counts).to_contain_text("Pay and money worries")
    expect(counts).to_contain_text("Staffing and workload")
    assert_accessible(page)
    screenshot("themes-signed-off")

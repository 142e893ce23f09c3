"""An ICS lead, in Chromium, opens the ICS compilation, reads the heat map, filters it to
trusts, visits the consistency chart and the themes, with axe-core checks on each page."""

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.pages import sign_in
from tests.support.clients import PASSWORD
from tests.support.themes import sign_off_ics_themes


def test_ics_lead_reads_and_filters_the_compilation(app, live_server, page, screenshot,
                                                    make_user, hand_built, system):  # noqa: F811
    sign_off_ics_themes(system, {"Night staff": "night"})
    lead = make_user("ics_lead", email="ics@example.nhs.uk")
    sign_in(page, live_server, lead.email, PASSWORD)  # waits for the signed-in page

    page.get_by_role("link", name="ICS compilation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Heat map")
    heat = page.locator("#heat-map")
    alpha = heat.get_by_role("row").filter(has_text="Alpha Trust")
    expect(alpha.locator("td.app-heat--green").first).to_contain_text("In place")
    expect(alpha.locator("td.app-heat--red").first).to_contain_text("Not in place")
    expect(heat).to_contain_text("Gamma Practice")
    assert_accessible(page)
    screenshot("ics-heat-map")

    page.get_by_label("Type of organisation").select_option("trust")
    page.get_by_role("button", name="Show").click()
    expect(heat).not_to_contain_text("Gamma Practice")
    expect(heat).to_contain_text("Beta Trust")

    page.get_by_role("link", name="Consistency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consistency")
    expect(page.get_by_role("img", name="Spread of element ratings")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Themes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes")
    expect(page.locator("#themes-table")).to_contain_text("Night staff")
    assert_accessible(page)
    # Each check waits for the new page's heading: axe run mid-navigation sees no document.
    page.get_by_role("link", name="Evidence gaps").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence gaps")
    assert_accessible(page)
    page.get_by_role("link", name="Buddying").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buddying")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF report").click()
    assert download.value.suggested_filename.endswith(".pdf")

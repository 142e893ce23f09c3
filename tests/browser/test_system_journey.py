"""Running the diagnostic across a system, in Chromium, as issue 19 tells it: the ICS lead sets
the staged plan with due dates; an organisation lead starts a cycle and invites a contributor by
email (the link read from a real SMTP server on loopback); the contributor sets a password and
rates the element on one page, by keyboard; the organisation lead records the discussion and
signs off; the ICS lead sees the sign-off and, on plan progress, the organisation that is
overdue."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from playwright.sync_api import expect

from app import clock, definitions
from tests.browser.pages import sign_in
from tests.support.clients import PASSWORD
from tests.support.paths import TESTS

ARTIFACTS = TESTS / "artifacts"


def _date(group, day) -> None:
    for label, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        group.get_by_label(label).fill(str(value))


def _invitation_link(smtp_server, runner) -> str:
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    [message] = [m for m in smtp_server.messages if "invit" in m["Subject"].lower()]
    body = message.get_payload(decode=True).decode()
    return urlsplit(re.search(r"https?://\S+/invitation/\S+", body).group(0)).path


def test_plan_invite_rate_sign_off_and_the_ics_sees_it(app, live_server, browser, make_user,
                                                        smtp_server, runner):
    survey = definitions.diagnostic()
    first = survey.elements[0]
    today = clock.today()
    ics_lead = make_user("ics_lead", email="ics.lead@example.nhs.uk")
    org_lead = make_user("org_lead", email="org.lead@example.nhs.uk")

    def person():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    # 1. The ICS lead sets the plan: the first element started 40 days ago, due 5 days ago.
    ics = person()
    sign_in(ics, live_server, ics_lead.email, PASSWORD)
    ics.goto(live_server + "/diagnostic/")
    ics.get_by_role("link", name="Set the staged plan").click()
    _date(ics.get_by_role("group", name=f"{first.title}: starts"), today - timedelta(days=40))
    _date(ics.get_by_role("group", name=f"{first.title}: due"), today - timedelta(days=5))
    ics.get_by_role("radio", name="Refuse until the earlier elements are complete").check()
    ics.get_by_role("button", name="Save the plan").click()
    expect(ics.locator(".app-flash")).to_contain_text("Saved the staged plan")

    # 2. The organisation lead starts a cycle and invites a contributor for that element.
    lead = person()
    sign_in(lead, live_server, org_lead.email, PASSWORD)
    lead.goto(live_server + "/diagnostic/org/RA1")
    lead.get_by_role("link", name="Start a new cycle").click()
    lead.get_by_label("Name of this cycle").fill("2026 Q4")
    lead.get_by_role("radio", name=re.compile("^Full")).check()
    lead.get_by_role("button", name="Start cycle").click()
    expect(lead.locator("#overdue")).to_contain_text(first.title)  # already overdue
    assessment_url = lead.url
    lead.goto(live_server + "/diagnostic/org/RA1")
    lead.get_by_role("link", name="Choose who can edit each element").click()
    lead.get_by_role("link", name="Invite a contributor by email").click()
    lead.get_by_label("Full name").fill("Sam Contributor")
    lead.get_by_label("Email address").fill("sam@example.nhs.uk")
    lead.get_by_role("checkbox", name=first.title).check()
    lead.get_by_role("button", name="Send invitation").click()
    expect(lead.locator(".app-flash")).to_contain_text("sam@example.nhs.uk")

    # 3. The contributor follows the emailed link, sets a password and rates every item of the
    #    element on one page, using the keyboard only.
    helper = person()
    helper.goto(live_server + _invitation_link(smtp_server, runner))
    helper.get_by_label("Choose a password").fill("a long and private phrase 42")
    helper.get_by_label("Enter the password again").fill("a long and private phrase 42")
    helper.get_by_role("button", name="Set up my account").click()
    expect(helper.locator(".app-flash")).to_contain_text("You are signed in")
    helper.goto(assessment_url + f"/element/{first.id}/ratings")
    items = first.items()
    for n in range(len(items)):
        radio = helper.get_by_role("group", name=re.compile(rf"^{n + 1}\. ")).get_by_role(
            "radio", name="Partly in place")
        radio.focus()
        helper.keyboard.press("Space")
        expect(radio).to_be_checked()
    helper.get_by_role("button", name="Save ratings").focus()
    helper.keyboard.press("Enter")
    expect(helper.locator(".app-flash")).to_contain_text(str(len(items)))

    # 4. The organisation lead records the discussion, completing the element, and signs off.
    lead.goto(assessment_url + f"/element/{first.id}/discussion")
    _date(lead.get_by_role("group", name="When did you discuss this element?"), today)
    lead.get_by_label("What did you discuss?").fill("Ratings agreed with the contributor")
    lead.get_by_role("button", name="Save and mark the element complete").click()
    expect(lead.locator(".app-flash")).to_contain_text("is marked complete")
    expect(lead.locator("#overdue")).to_have_count(0)
    lead.get_by_role("link", name="Submit the diagnostic").click()
    lead.get_by_role("button", name="Submit the diagnostic").click()
    expect(lead.locator("#sign-off")).to_contain_text("Submitted")

    # 5. The ICS lead sees Trust A submitted and Practice B overdue on the first element.
    ics.goto(live_server + "/diagnostic/")
    expect(ics.get_by_role("row", name=re.compile("Trust A"))).to_contain_text("Submitted")
    ics.goto(live_server + "/ics/QZ9/plan-progress")
    overdue = ics.locator("#overdue-table")
    expect(overdue).to_contain_text("Practice B")
    expect(overdue).to_contain_text(first.title)
    expect(overdue).not_to_contain_text("Trust A")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ics.screenshot(path=str(ARTIFACTS / "system-journey-plan-progress.png"), full_page=True)
    # The submission was emailed to the ICS lead.
    runner.invoke(args=["mail", "send"])
    assert any(m["To"] == ics_lead.email for m in smtp_server.messages)

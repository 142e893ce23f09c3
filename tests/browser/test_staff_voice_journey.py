"""A member of staff answers on a phone with an access code; on a shared device the next person
finds nothing of their answers."""

import re

from playwright.sync_api import expect

from app.extensions import db
from app.staff_voice import codes
from tests.browser.axe import assert_accessible
from tests.support.staff_voice import open_wave


def next_page(page):
    """Continue, and wait for the next page to load before looking at it."""
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def test_phone_journey_with_code_leaves_nothing_behind(app, orgs, live_server, browser):
    wave = open_wave(orgs[0], uses_codes=True)
    code = codes.make_batch(wave, 1)[0]
    db.session.commit()
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server}/staff/{wave.token}/")
        expect(page.get_by_role("heading", name="This survey is anonymous")).to_be_visible()
        page.get_by_role("link", name="Start now").click()
        page.get_by_label("Enter your access code").fill("AAAA-BBBB-CCCC")
        next_page(page)
        expect(page).to_have_title(re.compile("^Error: "))
        page.get_by_label("Enter your access code").fill(code.lower())
        next_page(page)
        page.get_by_label("Band 3").check()
        next_page(page)
        page.get_by_label("Mostly nights").check()
        next_page(page)
        for group in page.locator("fieldset").all():
            group.get_by_label("Agree", exact=True).check()
        next_page(page)
        for group in page.locator("fieldset").all():
            group.get_by_label("Disagree", exact=True).check()
        page.get_by_label("What one thing would most help").fill("A quiet rest room at night")
        next_page(page)
        expect(page.get_by_text("A quiet rest room at night")).to_be_visible()
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("your answers have been sent")
        page.screenshot(path="tests/artifacts/staff-voice-sent-phone.png", full_page=True)
        # Going back shows none of the answers: every page was no-store, the session is gone.
        page.go_back()
        page.wait_for_load_state()
        assert "A quiet rest room at night" not in page.content()
        page.goto(f"{live_server}/staff/{wave.token}/questions/team_and_voice")
        assert "A quiet rest room at night" not in page.content()
        expect(page.get_by_label("Enter your access code")).to_be_visible()
        # The same code cannot be used again by the next person.
        page.get_by_label("Enter your access code").fill(code)
        next_page(page)
        expect(page.locator(".nhsuk-error-summary")).to_contain_text("That code cannot be used")
        assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    finally:
        context.close()


def test_welsh_and_easy_read_pass_axe_and_switching_keeps_the_answers(
        app, orgs, live_server, browser):
    wave = open_wave(orgs[0])
    db.session.commit()
    page = browser.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"{live_server}/staff/{wave.token}/")
        with page.expect_navigation():
            page.get_by_role("link", name="Cymraeg").click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        assert_accessible(page)
        page.get_by_role("link", name="Dechrau nawr").click()
        page.get_by_label("Band 3").check()
        assert_accessible(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Parhau").click()
        page.get_by_label("Yn ystod y nos yn bennaf").check()
        with page.expect_navigation():  # to English, in the middle of the survey
            page.get_by_role("link", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_label("Mostly nights")).not_to_be_checked()  # not sent yet
        page.get_by_label("Mostly nights").check()
        next_page(page)
        page.go_back()
        expect(page.get_by_label("Mostly nights")).to_be_checked()
        with page.expect_navigation():
            page.get_by_role("link", name="Cymraeg").click()
        expect(page.get_by_label("Yn ystod y nos yn bennaf")).to_be_checked()  # kept
        assert_accessible(page)
        with page.expect_navigation():  # Easy Read, the same answers
            page.get_by_role("link", name="Easy Read").click()
        expect(page.get_by_label("At night")).to_be_checked()
        assert_accessible(page)
    finally:
        page.close()

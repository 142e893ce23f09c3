"""An org lead, in Chromium, types an answer, is away past the idle timeout, selects Save: the
answer is kept, offered back after signing in (an accessible page), and saved when sent again."""

import time

from playwright.sync_api import expect
from sqlalchemy import select

from app.diagnostic import cycles
from app.extensions import db
from app.models import ItemAnswer
from app.sessions import SEEN_AT
from tests.browser.axe import assert_accessible
from tests.browser.pages import sign_in
from tests.support.clients import PASSWORD

TEXT = "Night staff cannot reach the service.\nThe evening clinic closed in March."


def _idle_for(app, page, minutes: int) -> None:
    """Make the browser's session look `minutes` idle, as the server's own signing would."""
    context = page.context
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = next(c for c in context.cookies() if c["name"] == name)
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(cookie["value"])
    data[SEEN_AT] = int(time.time()) - minutes * 60
    context.add_cookies([{**cookie, "value": serializer.dumps(data)}])


def test_an_answer_sent_after_the_timeout_is_kept_and_saved(app, live_server, page, make_user,
                                                            orgs):
    lead = make_user("org_lead", email="lead@example.nhs.uk")
    found = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    sign_in(page, live_server, lead.email, PASSWORD)
    page.goto(f"{live_server}/diagnostic/a/{found.id}/item/ph_mental_health_offer")
    page.get_by_role("radio", name="Partly in place").check()
    page.get_by_label("What gaps are there?").fill(TEXT)

    _idle_for(app, page, 31)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.locator("main")).to_contain_text("it has been kept")

    page.get_by_label("Email address").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you sent has been kept")
    expect(page.locator("main")).to_contain_text("The evening clinic closed in March.")
    assert_accessible(page)

    page.get_by_role("button", name="Send it again").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".app-flash")).to_contain_text("Saved your answer")
    db.session.expire_all()
    saved = db.session.scalar(select(ItemAnswer))
    # As typed (a browser sends a textarea's line breaks as CRLF, kept or not).
    assert saved.gaps.replace("\r\n", "\n") == TEXT and saved.rating is not None

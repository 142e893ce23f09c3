"""Small helpers the browser tests share."""

from __future__ import annotations

from app import demo


def sign_in(page, base: str, email: str, password: str = demo.DEMO_PASSWORD) -> None:
    page.goto(base + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/sign-in" not in page.url, f"could not sign in as {email}"


def fill_date(page, day: int, month: int, year: int) -> None:
    """Type a date into the NHS.UK date input's Day, Month and Year boxes."""
    for label, value in (("Day", day), ("Month", month), ("Year", year)):
        page.get_by_label(label).fill(str(value))

"""axe-core finds nothing on the foundation's pages, signed out and signed in, errors included."""

import pytest

from app import demo
from tests.browser.axe import assert_accessible

PUBLIC = ["/", "/sign-in", "/accessibility", "/privacy", "/no-such-page"]
ADMIN = ["/admin/", "/admin/systems", "/admin/organisations", "/admin/users", "/admin/users/new",
         "/admin/organisations/new", "/admin/audit"]


def sign_in(page, base, email):
    page.goto(base + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages(app, live_server, page, path):
    page.goto(live_server + path)
    assert_accessible(page)


def test_admin_pages_and_a_form_with_errors(app, live_server, page, screenshot):
    demo.seed()
    sign_in(page, live_server, "admin@example.nhs.uk")
    for path in ADMIN:
        page.goto(live_server + path)
        assert_accessible(page)
    page.goto(live_server + "/admin/users/new")
    page.get_by_role("button", name="Save").click()
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    screenshot("admin-user-errors")


def test_sign_in_error_state(app, live_server, page):
    page.goto(live_server + "/sign-in")
    page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    assert_accessible(page)

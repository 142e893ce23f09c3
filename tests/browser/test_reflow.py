"""Reflow (WCAG 1.4.10): at 320 px wide, and at 200 % zoom (a 640 px viewport at device scale 2,
which is how a 1280 px screen lays out at 200 %), the journeys work with no horizontal scrolling
of the page. Tables inside .app-table-scroll may scroll on their own."""

from __future__ import annotations

import pytest

from tests.browser.demo_data import sample_data
from tests.browser.pages import WIDE_FONT, sign_in
from tests.browser.walker import walk_survey
from tests.support import demo_db

pytestmark = pytest.mark.presentation  # how pages look: SQLite run only (conftest.py)

SIZES = {"320px": {"viewport": {"width": 320, "height": 640}},
         "200pc-zoom": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}}
OVERFLOW_JS = """() => ({scroll: document.documentElement.scrollWidth,
                        client: document.documentElement.clientWidth})"""


class Reflow:
    """Stands in for the axe audit in walk_survey: checks each page for sideways scrolling."""

    def __init__(self, page, base):
        self.page, self.base, self.problems = page, base, []

    def check(self, label: str) -> None:
        size = self.page.evaluate(OVERFLOW_JS)
        if size["scroll"] > size["client"]:
            self.problems.append(f"{label}: {self.page.url} is {size['scroll']} px wide")

    def visit(self, path: str, label: str) -> int:
        response = self.page.goto(self.base + path)
        self.check(label)
        return response.status

    def note(self, role: str) -> str | None:
        path = self.page.url[len(self.base):].split("?")[0]
        for end in ("confirmation", "thank-you"):
            if path.endswith(end):
                return end.replace("-", "_")
        return path


@pytest.mark.parametrize("size", SIZES)
def test_journeys_reflow(app, live_server, browser, size, screenshot):
    demo_db.seed()
    data = sample_data()
    wide_font = size == "320px"
    context = browser.new_context(**SIZES[size], bypass_csp=wide_font)
    if wide_font:
        context.add_init_script(WIDE_FONT)
    page = context.new_page()
    page.set_default_timeout(10_000)
    reflow = Reflow(page, live_server)
    try:
        walk_survey(reflow, "public", "/consultations/ics_wellbeing_offer/start")
        walk_survey(reflow, "staff", f"/staff/{data['open_token']}/",
                    access_code=data["access_code"], prefer={"band": "3"})
        if size == "320px":
            page.goto(f"{live_server}/staff/{data['open_token']}/")
            page.screenshot(path="tests/artifacts/staff-voice-start-phone.png", full_page=True)
        sign_in(page, live_server, "admin@example.nhs.uk")
        args = data["args"]
        for path in ["/admin/", "/consultations/", "/admin/consultations/framework_review/",
                     f"/diagnostic/a/{args['assessment_id']}",
                     f"/diagnostic/a/{args['assessment_id']}/element/{args['element_id']}",
                     f"/diagnostic/a/{args['assessment_id']}/item/{args['item_id']}",
                     f"/staff-voice/waves/{args['wave_id']}/results", "/ics/QZ9/",
                     "/ics/QZ9/consistency", "/ics/QZ9/themes"]:
            reflow.visit(path, f"admin {path}")
    finally:
        context.close()
    assert not reflow.problems, "\n".join(reflow.problems)

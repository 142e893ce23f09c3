"""No text is cut off: the main pages of each role, at 320 px (a phone) and 1280 px (a laptop),
on the demo data.

Each page fails on
- sideways scrolling of the page itself (tables in .app-table-scroll may scroll on purpose);
- text clipped sideways: an element holding text whose content is wider than its box while it
  hides the overflow (overflow-x hidden or clip, or text-overflow: ellipsis) and has no title
  giving the full text. Scrolling table regions and visually hidden text (.nhsuk-u-visually-hidden,
  or anything drawn in a box of 1 px or less, like the skip link before it has focus) are left
  out; charts are checked by test_chart_labels.py;
- at 1280 px, a word split over two lines in a heading, caption, label, legend, button or tag
  ("Consultation / s" in a card heading): at that width only a layout fault does that.

The pages are drawn in DejaVu Sans, wider than the Arial-alikes most machines fall back to, so
the result does not depend on the fonts the test machine has (as in test_reflow.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models.staff_voice import Wave
from app.staff_voice import codes
from tests.browser.demo_data import EMAILS, sample_data
from tests.browser.pages import WIDE_FONT, sign_in
from tests.browser.walker import walk_survey
from tests.support import demo_db

pytestmark = pytest.mark.presentation  # how pages look: SQLite run only (conftest.py)
WIDTHS = (320, 1280)
FAULTS_JS = """(splitWords) => {
  const smallBox = (el) => {
    const r = el.getBoundingClientRect();
    return r.width <= 1 || r.height <= 1;
  };
  const hidden = (el) => el.closest('.nhsuk-u-visually-hidden') || smallBox(el);
  const name = (el) => {
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      classes.filter(Boolean).map(c => '.' + c).join('') +
      ' "' + el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60) + '"';
  };
  const faults = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) {
    faults.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth}`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.textContent.trim() || el.closest('.app-table-scroll, svg, script, style')) continue;
    if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth || hidden(el)) continue;
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (clips && !(el.getAttribute('title') || '').trim()) {
      faults.push(`clipped: ${name(el)} needs ${el.scrollWidth} px, shows ${el.clientWidth}`);
    }
  }
  if (splitWords) {
    const words = 'h1, h2, h3, h4, caption, label, legend, th, .nhsuk-button, .nhsuk-tag, ' +
                  '.nhsuk-card__heading';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !el.closest(words) || el.closest('svg') || hidden(el)) continue;
      for (const m of node.data.matchAll(/\\S+/g)) {
        if (/[-\\u2010-\\u2014\\/]/.test(m[0].slice(0, -1))) continue;  // may break at a dash
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                          .map(r => Math.round(r.top)));
        if (lines.size > 1) faults.push(`"${m[0]}" split over lines in ${name(el.closest(words))}`);
      }
    }
  }
  return faults;
}"""


class Looker:
    """Checks each page it is shown; walk_survey drives it through the survey journeys."""

    def __init__(self, page, base: str, width: int):
        self.page, self.base, self.width, self.problems = page, base, width, []

    def faults(self) -> list[str]:
        return self.page.evaluate(FAULTS_JS, self.width >= 1000)

    def check(self, label: str) -> None:
        for fault in self.faults():
            self.problems.append(f"{self.width} px, {label} ({self.page.url}): {fault}")

    def visit(self, path: str, label: str = "") -> int:
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"{path} answered {response.status}"
        self.check(label or path)
        return response.status

    def note(self, role: str) -> str:
        path = self.page.url[len(self.base):].split("?")[0]
        return "thank_you" if path.endswith("thank-you") else path


def pages_by_role(data: dict) -> dict[str, list[str]]:
    """Each role's main pages, one of each template, from the demo data's real ids."""
    a = data["args"]
    diagnostic = f"/diagnostic/a/{a['assessment_id']}"
    review = "/admin/consultations/framework_review"
    return {
        "anonymous": ["/", "/consultations/", "/consultations/framework_review/",
                      "/consultations/ics_wellbeing_offer/"],
        "org_lead": ["/diagnostic/org/RZ1", diagnostic, f"{diagnostic}/element/{a['element_id']}",
                     f"{diagnostic}/item/{a['item_id']}", f"{diagnostic}/actions",
                     f"{diagnostic}/progress", "/diagnostic/org/RZ1/trend", "/staff-voice/",
                     f"/staff-voice/waves/{a['wave_id']}",
                     f"/staff-voice/waves/{a['wave_id']}/results"],
        "ics_lead": ["/ics/QZ9/", "/ics/QZ9/consistency", "/ics/QZ9/themes",
                     "/ics/QZ9/evidence-gaps", "/ics/QZ9/themes/texts"],
        "admin": ["/admin/", f"{review}/", f"{review}/responses/",
                  f"{review}/responses/{a['response_id']}", f"{review}/summary", "/admin/users",
                  "/admin/organisations", "/admin/audit", "/admin/staff-survey/"],
    }


def the_check_finds(looker: Looker, css: str, title: bool = False) -> list[str]:
    """The faults on the home page with `css` added (and, if asked, a title on its heading)."""
    page = looker.page
    page.goto(looker.base + "/")
    page.add_style_tag(content=css)
    if title:
        page.evaluate("() => document.querySelector('h1').title = 'Health and wellbeing at work'")
    return looker.faults()


def check_the_check(looker: Looker) -> None:
    """The check fails on the faults it is for: a heading squeezed into a box that hides the
    rest (unless its title gives the full text), a page wider than the screen, and at 1280 px a
    heading word split over two lines."""
    squeezed = "h1 { width: 80px; overflow: hidden; white-space: nowrap; }"
    assert any(f.startswith("clipped: h1") for f in the_check_finds(looker, squeezed))
    assert not any(f.startswith("clipped: h1")
                   for f in the_check_finds(looker, squeezed, title=True))
    assert any("scrolls sideways" in f for f in the_check_finds(looker, "h1 { width: 2000px; }"))
    if looker.width >= 1000:
        narrow = "h1 { width: 150px; overflow-wrap: anywhere; }"
        assert any("split over lines in h1" in f for f in the_check_finds(looker, narrow))


def _tab(browser, width: int):
    """A new browser context (its own cookies) at this width, with the wide font, and its tab."""
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    context.add_init_script(WIDE_FONT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_no_page_clips_its_text_at_320_or_1280_px(app, live_server, browser):
    demo_db.seed()
    data = sample_data()
    wave = db.session.scalar(select(Wave).where(Wave.token == data["open_token"]))
    access_codes = [data["access_code"], *codes.make_batch(wave, len(WIDTHS) - 1)]  # one each
    db.session.commit()
    problems = []
    for width, access_code in zip(WIDTHS, access_codes, strict=True):
        context, page = _tab(browser, width)
        looker = Looker(page, live_server, width)
        try:
            check_the_check(looker)
            pages = pages_by_role(data)
            for path in pages["anonymous"]:
                looker.visit(path)
            walk_survey(looker, "public", "/consultations/ics_wellbeing_offer/start")
            walk_survey(looker, "staff", f"/staff/{data['open_token']}/",
                        access_code=access_code, prefer={"band": "3"})
            for role in ("org_lead", "ics_lead", "admin"):
                # Each role in a new browser context: no cookie of the last one. Clearing the
                # cookies of one context was not enough: a response still in flight could set
                # the last role's session cookie again (twice in full runs: the sign-in page
                # then sent the browser home, signed in).
                context.close()
                context, looker.page = _tab(browser, width)
                sign_in(looker.page, live_server, EMAILS[role])
                for path in pages[role]:
                    looker.visit(path, f"{role} {path}")
        finally:
            context.close()
        problems += looker.problems
    assert not problems, "\n".join(problems)

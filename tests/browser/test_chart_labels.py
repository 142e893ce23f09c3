"""Every page that draws a chart (app/charts), at 320 px and 1280 px wide: each chart's words
lie wholly inside the chart and the screen, none is cut short or drawn over another, and the page
never scrolls sideways. Text is set in DejaVu Sans, about 15% wider than Arial, so the check holds
for the widest font a phone is likely to fall back to (as tests/browser/test_reflow.py does)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import System
from app.models.staff_voice import Wave
from tests.browser.pages import WIDE_FONT, sign_in
from tests.support import demo_db

pytestmark = pytest.mark.presentation  # how pages look: SQLite run only (conftest.py)

# For each chart in main, what is wrong with its words: outside the chart's box or the screen,
# cut short with an ellipsis, or overlapping another word of the chart (a pixel of slack each).
CHART_FAULTS_JS = """() => {
  const faults = [];
  const charts = [...document.querySelectorAll('main svg.app-chart')];
  charts.forEach((svg, n) => {
    const box = svg.getBoundingClientRect();
    if (!box.width) return;
    const words = [...svg.querySelectorAll('text')].map(t => ({
      text: t.textContent, r: t.getBoundingClientRect()}));
    for (const w of words) {
      const where = `chart ${n + 1}: "${w.text}"`;
      if (w.r.left < box.left - 1 || w.r.right > box.right + 1
          || w.r.top < box.top - 1 || w.r.bottom > box.bottom + 1)
        faults.push(`${where} runs outside its chart`);
      if (w.r.left < -1 || w.r.right > window.innerWidth + 1)
        faults.push(`${where} runs off the screen`);
      if (/\\w\\u2026$/.test(w.text)) faults.push(`${where} is cut short`);
    }
    words.forEach((a, i) => words.slice(i + 1).forEach(b => {
      const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (across > 1 && down > 1)
        faults.push(`chart ${n + 1}: "${a.text}" and "${b.text}" overlap`);
    }));
  });
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth)
    faults.push(`the page scrolls sideways (${page.scrollWidth} px in ${page.clientWidth})`);
  return {charts: charts.length, faults};
}"""


def chart_pages() -> list[str]:
    waves = db.session.scalars(select(Wave).order_by(Wave.id)).all()
    system = db.session.scalar(select(System))
    return ["/admin/consultations/framework_review/", "/admin/consultations/ics_wellbeing_offer/",
            "/ics/QZ9/consistency", "/diagnostic/org/RZ1/trend",
            *[f"/staff-voice/waves/{wave.id}/results" for wave in waves[:2]],
            f"/staff-voice/systems/{system.id}/results?survey=staff_voice_bands_2_4"]


@pytest.mark.parametrize("width", [320, 1280])
def test_chart_labels_are_never_clipped(app, live_server, browser, width):
    demo_db.seed()
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.add_init_script(WIDE_FONT)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems, drawn = [], 0
    try:
        sign_in(page, live_server, "admin@example.nhs.uk")
        for path in chart_pages():
            assert page.goto(live_server + path).status == 200, path
            found = page.evaluate(CHART_FAULTS_JS)
            drawn += found["charts"]
            problems += [f"{path} at {width} px: {fault}" for fault in found["faults"]]
            name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")
            page.screenshot(path=f"tests/artifacts/charts-{width}-{name}.png", full_page=True)
    finally:
        context.close()
    assert drawn >= 10  # every page above draws at least one
    assert not problems, "\n".join(problems)

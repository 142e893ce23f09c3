"""Charts have a text alternative and a table of the same figures; the heat map says each rating
in words; every PDF has a title, a language, an outline matching its headings, and text that
extracts in reading order."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app import demo
from app.extensions import db
from app.models import Organisation, System
from app.models.diagnostic import Assessment
from app.models.staff_voice import Wave
from tests.browser.pages import sign_in
from tests.support import demo_db
from tests.support.pdfs import outline_titles
from tests.support.staff_voice import open_wave

pytestmark = pytest.mark.presentation  # how pages look: SQLite run only (conftest.py)

# Each chart: its role, its accessible name, and whether a table follows it before the next chart.
CHARTS_JS = """() => {
  const items = [...document.querySelectorAll('main svg, main table')];
  return items.flatMap((el, i) => {
    if (el.tagName.toLowerCase() !== 'svg' || !el.closest('main')) return [];
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const name = ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ')
      || el.getAttribute('aria-label') || (el.querySelector('title') || {}).textContent || '';
    const next = items.slice(i + 1).find(x => x.tagName.toLowerCase() === 'table'
                                          || x.tagName.toLowerCase() === 'svg');
    return [{role: el.getAttribute('role'), name: name.trim(),
             table: !!next && next.tagName.toLowerCase() === 'table',
             hidden: el.getAttribute('aria-hidden') === 'true'}];
  });
}"""


def test_charts_and_the_heat_map_do_not_rely_on_sight_or_colour(app, live_server, page, screenshot):
    demo_db.seed()
    waves = db.session.scalars(select(Wave).order_by(Wave.id)).all()
    system = db.session.scalar(select(System))
    sign_in(page, live_server, "admin@example.nhs.uk")
    pages = ["/admin/consultations/framework_review/", "/ics/QZ9/consistency",
             f"/staff-voice/waves/{waves[0].id}/results",
             f"/staff-voice/systems/{system.id}/results?survey=staff_voice_bands_2_4"]
    seen = 0
    for path in pages:
        page.goto(live_server + path)
        charts = page.evaluate(CHARTS_JS)
        assert charts, f"no chart on {path}"
        for chart in charts:
            if chart["hidden"]:
                continue  # decorative: the table carries the figures
            seen += 1
            assert chart["role"] == "img", f"a chart on {path} has no role=img"
            assert len(chart["name"]) > 10, f"a chart on {path} has no text alternative"
            assert chart["table"], f"chart {chart['name']!r} on {path} has no table after it"
    assert seen >= 4
    screenshot("staff-voice-results")

    # The heat map says each rating in words: colour is never the only carrier of meaning.
    page.goto(live_server + "/ics/QZ9/")
    cells = page.evaluate("""() => [...document.querySelectorAll('#heat-map td.app-heat')]
        .map(td => { const c = td.cloneNode(true);
                     c.querySelectorAll('.app-heat__note').forEach(n => n.remove());
                     return {cls: td.className, word: c.textContent.trim()}; })""")
    assert len(cells) > 20
    words = {c["word"] for c in cells}
    for cell in cells:
        assert cell["word"], f"a heat-map cell ({cell['cls']}) carries its rating only in colour"
    # Different colours carry different words, and the key names every colour in words.
    colours = {re.search(r"app-heat--(\w+)", c["cls"]).group(1) for c in cells}
    assert len(words) >= len(colours) - 1
    key = page.locator(".app-heat__key").all_inner_texts()
    assert all(k.strip() for k in key) and "Not rated" in key
    screenshot("ics-dashboard")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_lines(pdf_bytes: bytes) -> tuple[str, list[str]]:
    """The text in reading order, and the lines set in a heading style (Helvetica-Bold, 12 pt
    or more, as app.reports.pdf.Heading sets them)."""
    text, headings = [], []
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as doc:
        for p in doc.pages:
            for line in p.extract_text_lines():
                text.append(line["text"])
                chars = line["chars"]
                if chars and all(c["fontname"].startswith("Helvetica-Bold") and c["size"] >= 12
                                 for c in chars):
                    headings.append(squash(line["text"]))
    return squash(" ".join(text)), headings


def assert_accessible_pdf(pdf_bytes: bytes, name: str) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    catalog = reader.trailer["/Root"]
    assert (reader.metadata.title or "").strip(), f"{name}: no document title"
    assert str(catalog.get("/Lang", "")).startswith("en"), f"{name}: no /Lang in the catalog"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], f"{name}: shows the file name"
    titles = outline_titles(reader.outline)
    assert titles, f"{name}: no outline"
    # The outline's headings appear in the extracted text in the same order.
    text, headings = read_lines(pdf_bytes)
    at = 0
    for title in titles:
        found = text.find(squash(title), at)
        assert found >= 0, f"{name}: outline entry {title!r} is not in the text in order"
        at = found + 1
    # Every line set as a heading is in the outline.
    joined = " | ".join(squash(t) for t in titles)
    for line in headings:
        assert line in joined, f"{name}: heading {line!r} is missing from the outline"
    return titles


def test_pdfs_have_title_language_outline_and_reading_order(app, client):
    demo_db.seed()
    client.post("/sign-in", data={"email": "admin@example.nhs.uk",
                                  "password": demo.DEMO_PASSWORD})
    rz1 = db.session.scalar(select(Organisation).where(Organisation.code == "RZ1"))
    assessment = db.session.scalar(select(Assessment).where(
        Assessment.organisation_id == rz1.id).order_by(Assessment.id))
    wave = open_wave(rz1, uses_codes=True)
    db.session.commit()
    reports = {
        "consultation report": client.get("/admin/consultations/framework_review/report.pdf"),
        "organisation report": client.get(f"/diagnostic/a/{assessment.id}/report.pdf"),
        "ICS report": client.get("/ics/QZ9/report.pdf"),
        "access-code sheet": client.post(f"/staff-voice/waves/{wave.id}/codes",
                                         data={"number": "12"}),
    }
    for name, response in reports.items():
        assert response.status_code == 200 and response.mimetype == "application/pdf", name
        titles = assert_accessible_pdf(response.data, name)
        assert len(titles) >= (2 if name == "access-code sheet" else 3), name

    # The code sheet reads card by card in the content stream (what a screen reader follows):
    # each card's title, the address to type, then its code, before the next card.
    sheet = PdfReader(io.BytesIO(reports["access-code sheet"].data))
    first = sheet.pages[0].extract_text()
    codes = re.findall(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", first)
    assert len(codes) == 10
    to_type = "type this address:"
    assert first.index("Access codes:") < first.index(to_type) < first.index(codes[0])
    card = first[first.index(codes[0]):first.index(codes[1])]
    assert "The code works once" in card and to_type in card

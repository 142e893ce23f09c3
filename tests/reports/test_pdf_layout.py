"""Every PDF the app makes, read back as a careful reader sees it (tests/support/pdf_layout.py):
no text outside the margins, over other text or across a table's rule, no label cut short, no
word split in a table header, and no heading left at the foot of a page without its content.

The PDFs are drawn from the demo (long answer labels such as "To assess our organisation against
good practice"), with one organisation given a long name, as a federation or alliance has."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Spacer
from sqlalchemy import select

from app import demo
from app.analysis.theming import corpora, store
from app.charts import counts, to_drawing
from app.definitions import get_survey
from app.extensions import db
from app.models import ConsultationState, Organisation, ThemeAnalysis
from app.models.diagnostic import Assessment
from app.models.staff_voice import Wave
from app.reports import pdf
from tests.support import demo_db
from tests.support.pdf_layout import layout_faults
from tests.support.staff_voice import open_wave

REPORT_MARGIN = 18 * mm  # app/reports/pdf.py
SHEET_MARGIN = 5 * mm  # what a printer prints: the sheet's page heading is above its cards
LONG_NAME = ("Estuary and Downs Voluntary, Community and Social Enterprise Health and "
             "Wellbeing Alliance (Community Interest Company)")


@pytest.fixture
def admin(app, client):
    demo_db.seed()
    org = db.session.scalar(select(Organisation).where(Organisation.code == "SZ201"))
    org.name = LONG_NAME
    db.session.commit()
    client.post("/sign-in", data={"email": "admin@example.nhs.uk",
                                  "password": demo.DEMO_PASSWORD})
    return client


def faults_in(pdf_bytes: bytes, name: str, margin: float = REPORT_MARGIN) -> list[str]:
    return [f"{name}, {fault}" for fault in layout_faults(pdf_bytes, margin)]


def sign_off_review_themes() -> None:
    """Two signed-off themes of the review's first free-text question, one with a long name,
    so the report has its themes table (a column per respondent type) and quotes."""
    survey = get_survey("framework_review", kind="consultation")
    corpus = corpora.consultation(survey, corpora.free_text_questions(survey)[0])
    analysis = ThemeAnalysis(scope=corpus.scope, scope_key=corpus.key)
    db.session.add(analysis)
    db.session.flush()
    for name, word in {"Good practice": "practice",
                       "Talking to the board about staff wellbeing for the first time": "board"
                       }.items():
        theme = store.add(analysis, name)
        keys = [e.key for e in corpus.entries if word in e.text.lower()]
        store.tag(analysis, keys, {theme.key}, "analyst@example.nhs.uk", replace=False)
    store.sign_off(analysis, "analyst@example.nhs.uk")
    db.session.commit()


def test_consultation_reports(admin):
    sign_off_review_themes()
    faults = []
    for state in db.session.scalars(select(ConsultationState)):
        response = admin.get(f"/admin/consultations/{state.survey_id}/report.pdf")
        assert response.mimetype == "application/pdf"
        faults += faults_in(response.data, state.survey_id)
        if state.survey_id == "framework_review":
            with pdfplumber.open(io.BytesIO(response.data)) as doc:
                text = " ".join(page.extract_text() for page in doc.pages)
            assert "Themes in what people wrote" in " ".join(text.split())
    assert not faults, "\n".join(faults)


def test_organisation_reports(admin):
    found = db.session.scalars(select(Assessment).join(Organisation).where(
        Organisation.code.in_(["RZ1", "GZ103", "SZ201"]))).all()
    assert len({a.organisation_id for a in found}) == 3
    faults = []
    for assessment in found:
        response = admin.get(f"/diagnostic/a/{assessment.id}/report.pdf")
        assert response.mimetype == "application/pdf"
        faults += faults_in(response.data, f"{assessment.organisation.code} {assessment.cycle}")
        if assessment.organisation.code == "RZ1" and assessment.cycle == "2026 Q4":
            # Its summary (chart, table, trend) runs a few rows over the first page: the first
            # element follows them, rather than a page holding only those rows.
            with pdfplumber.open(io.BytesIO(response.data)) as doc:
                second = " ".join((doc.pages[1].extract_text() or "").split())
            assert "Professional wellbeing support" in second, second[:300]
            assert "Mental and emotional wellbeing" in second, second[:300]
    assert not faults, "\n".join(faults)


def test_ics_report(admin):
    response = admin.get("/ics/QZ9/report.pdf")
    assert response.mimetype == "application/pdf"
    faults = faults_in(response.data, "ICS report")
    assert not faults, "\n".join(faults)


def test_posters_and_access_code_sheets(admin):
    org = db.session.scalar(select(Organisation).where(Organisation.code == "SZ201"))
    wave = open_wave(org, uses_codes=True)
    db.session.commit()
    sheet = admin.post(f"/staff-voice/waves/{wave.id}/codes", data={"number": "12"})
    assert sheet.mimetype == "application/pdf"
    faults = faults_in(sheet.data, "access-code sheet", SHEET_MARGIN)
    for shown in [wave, *db.session.scalars(select(Wave).limit(2))]:
        poster = admin.get(f"/staff-voice/waves/{shown.id}/poster.pdf")
        assert poster.mimetype == "application/pdf"
        faults += faults_in(poster.data, f"poster for wave {shown.id}")
    assert not faults, "\n".join(faults)


def test_a_heading_stays_with_its_content_wherever_the_page_ends(app):
    """Push a section down the page a line at a time, so its heading falls at every height
    of the page's foot: it always moves over with its table, paragraph or chart."""
    rows = [["Element", "Rate themselves strong", "Suggested pairs"]] + [
        [f"Element {n}", "Downs Community and Mental Health NHS Trust", "None"]
        for n in range(12)]
    chart = counts("How did you use them?", ["To plan our offer", "To report to our board"],
                   [8, 10])
    for offset in range(480, 680, 4):
        story = [pdf.Heading("Layout", 0), pdf.para("Then a space to push what follows down."),
                 Spacer(1, offset), pdf.Heading("Buddying", 1),
                 pdf.table(rows), pdf.Heading("How did you use them?", 2),
                 pdf.kept_with_next(pdf.para("18 of 30 answered.")), to_drawing(chart),
                 pdf.Heading("We did", 2),
                 pdf.para("A new section on reaching every member of staff. " * 6)]
        faults = layout_faults(pdf.build("Layout", story), REPORT_MARGIN)
        assert not faults, f"pushed down {offset} points:\n" + "\n".join(faults)

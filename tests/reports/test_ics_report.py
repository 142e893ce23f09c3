"""The ICS PDF (app/reports/ics_report.py): title, language, outline and figures; and the
evidence gaps' hand-counted headline, each organisation named once, never once per element."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from app.analysis import ics
from app.analysis.ics_voice import NO_EVIDENCE_AT_ALL
from app.reports import ics_report
from tests.support.pdfs import outline_titles
from tests.support.themes import sign_off_ics_themes
from tests.support.voice_evidence import five_organisations


def evidence_gaps_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    start = text.index("organisations have no staff-survey evidence")
    return text[start:text.index("Staff-voice respondents", start)]


def test_the_evidence_gaps_name_each_organisation_once(app, system):
    orgs = five_organisations(system)
    section = evidence_gaps_text(ics_report.build(ics.compile_system(system)))
    assert "4 of 5: 3 ran no survey, 1 not shown" in section
    for org in orgs.values():
        assert section.count(org.name) == 1, (org.name, section)
    silent = section[section.index(NO_EVIDENCE_AT_ALL):]
    assert all(orgs[c].name in silent.split(".")[0] for c in ("GA3", "DE4", "EP5"))
    assert "Gap: None" not in section and "No survey results:" not in section


def test_pdf_has_title_language_outline_and_figures(hand_built, system):
    sign_off_ics_themes(system, {"Night staff": "night", "Weekend clinics": "weekend"})
    reader = PdfReader(io.BytesIO(ics_report.build(ics.compile_system(system))))
    title = "Test ICS: ICS health and wellbeing compilation"
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert outline_titles(reader.outline) == [title, *ics_report.SECTION_TITLES]
    assert {"Heat map", "Shared gaps", "Evidence gaps", "Buddying", "Themes"} <= set(
        ics_report.SECTION_TITLES)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Alpha Trust (AL1), 2026 Q1" in text
    assert "Beta Trust with Alpha Trust" in text
    assert "Night staff 3 3 Alpha Trust, Beta Trust, Gamma Practice" in text
    assert "Weekend clinics 3 2" in text
    assert "2 of 3" in text  # relationships rated low by two of the three


def test_the_consistency_section_draws_the_pages_spread_chart(hand_built, system):
    reader = PdfReader(io.BytesIO(ics_report.build(ics.compile_system(system))))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    section = text[text.index("Consistency Where organisations differ most"):]
    section = section[:section.index("Element Organisations Lowest")]
    # The chart's scale and its rows, drawn between the words and the table (the table has
    # neither the scale's words nor the elements before its header).
    assert "Not in place Partly in place In place" in section
    assert "Relationships Improving personal health and wellbeing" in section

"""The consultation's admin results (app/views/admin_consultations/routes.py): counts and charts,
a response read, exports read back, and the PDF report. Moderation: test_moderation.py."""

from __future__ import annotations

import csv
import io

import openpyxl
from pypdf import PdfReader

from app.definitions import get_survey
from tests.support.pdfs import outline_titles


def test_admin_sees_counts_charts_and_reads_a_response(responses, admin_client):
    html = admin_client.get("/admin/consultations/framework_review/").get_data(as_text=True)
    assert "NHS provider organisation" in html and "<svg" in html and "style=" not in html
    assert "Show the numbers as a table" in html
    one = responses[0]
    page = admin_client.get(f"/admin/consultations/framework_review/responses/{one.response_id}")
    assert "Ask Dr Jones" in page.get_data(as_text=True)


def test_exports_read_back_with_formulas_neutralised(responses, admin_client, runner, tmp_path):
    text = admin_client.get("/admin/consultations/framework_review/responses.csv",
                            buffered=True).get_data(
        as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[0]["what_was_missing"] == "'Examples =1+1" or rows[0]["what_was_missing"] \
        == "Examples =1+1"
    assert rows[0]["how_used"] == "planning; board_reporting"
    assert rows[0]["how_used (label)"] == ("To plan our health and wellbeing offer; "
                                           "To report to our board")
    out = tmp_path / "r.xlsx"
    result = runner.invoke(args=["export", "responses", "framework_review", "--format", "xlsx",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    values = list(sheet.values)
    assert len(values) == 3 and values[0][0] == "reference"


def test_pdf_report_has_title_outline_counts_and_excerpts(responses, admin_client, runner,
                                                          tmp_path):
    admin_client.post(f"/admin/consultations/framework_review/responses/"
                      f"{responses[0].response_id}/publish")
    out = tmp_path / "r.pdf"
    result = runner.invoke(args=["report", "consultation", "framework_review", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title.startswith(get_survey("framework_review").title)
    assert "Responses by respondent type" in text and "Total responses: 2" in text
    assert "Opened 28 February 2020, closed 23 March 2020" in " ".join(text.split())
    assert "Ask Dr Jones at Trust A" in text
    assert "Responses by respondent type" in outline_titles(reader.outline)
    pdf = admin_client.get("/admin/consultations/framework_review/report.pdf")
    assert pdf.data.startswith(b"%PDF")

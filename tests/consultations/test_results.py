"""Admin results, moderation and publishing, exports read back, and the PDF report."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from freezegun import freeze_time
from pypdf import PdfReader
from sqlalchemy import select

from app.definitions import get_survey
from app.extensions import db
from app.models import AuditEvent, ConsultationResponse
from tests.support.framework_review import BASE, FIRST_PAGES, answer_all


@pytest.fixture
def responses(app, client):
    """Two responses to the framework review, sent while it was open."""
    import re

    for name in ("Trust A", "Staff side"):
        pages = list(FIRST_PAGES)
        pages[1] = ("framework_use", {**FIRST_PAGES[1][1],
                                      "what_helped": f"Ask Dr Jones at {name} for help."})
        pages[3] = ("publishing", {"publish_consent": "publish_with_name",
                                   "respondent_name": name})
        with freeze_time("2020-03-10 12:00:00"):
            html = answer_all(client, pages).get_data(as_text=True)
            key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
            client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
    return db.session.scalars(select(ConsultationResponse)).all()


@pytest.fixture
def admin_client(client, make_user, sign_in):
    sign_in(make_user("admin"))
    return client


def test_admin_sees_counts_charts_and_reads_a_response(responses, admin_client):
    html = admin_client.get("/admin/consultations/framework_review/").get_data(as_text=True)
    assert "NHS provider organisation" in html and "<svg" in html and "style=" not in html
    assert "Show the numbers as a table" in html
    one = responses[0]
    page = admin_client.get(f"/admin/consultations/framework_review/responses/{one.response_id}")
    assert "Ask Dr Jones" in page.get_data(as_text=True)


def test_redact_then_publish_shows_the_redacted_text_after_close(responses, admin_client):
    one = responses[0]
    base = f"/admin/consultations/framework_review/responses/{one.response_id}"
    refused = admin_client.post(f"{base}/redact", data={
        "question_id": "what_helped", "passage": "not in the answer", "reason": "x"})
    assert refused.status_code == 422
    done = admin_client.post(f"{base}/redact", data={
        "question_id": "what_helped", "passage": "Dr Jones", "reason": "Names a member of staff"})
    assert done.status_code == 302
    admin_client.post(f"{base}/publish")
    with freeze_time("2026-11-25 12:00:00"):
        page = admin_client.get(f"{BASE}/").get_data(as_text=True)
    assert "Ask [redacted] at Trust A for help." in page and "Dr Jones" not in page
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"consultation_response_redacted", "consultation_response_published"} <= actions


def test_we_asked_you_said_we_did_is_published_after_close(admin_client):
    data = {"we_asked": "We asked about X.", "you_said": "You said Y.", "we_did": "We did Z.",
            "action": "publish"}
    from app import consultations as c

    survey = get_survey("framework_review")
    c.open_now(survey)
    db.session.commit()
    refused = admin_client.post("/admin/consultations/framework_review/summary", data=data)
    assert refused.status_code == 422, refused.headers.get("Location")
    c.close_now(survey, reason="done")
    db.session.commit()
    assert admin_client.post("/admin/consultations/framework_review/summary",
                             data=data).status_code == 302
    page = admin_client.get(f"{BASE}/").get_data(as_text=True)
    assert "We asked, you said, we did" in page and "We did Z." in page


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


def test_formula_cells_are_prefixed(app):
    from app.exports.responses import safe

    assert [safe(v) for v in ("=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx", "ok")] == [
        "'=SUM(A1)", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok"]


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
    assert "Ask Dr Jones at Trust A" in text
    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    assert "Responses by respondent type" in list(titles(reader.outline))
    pdf = admin_client.get("/admin/consultations/framework_review/report.pdf")
    assert pdf.data.startswith(b"%PDF")

"""The organisation report (PDF) and the workbook round trip (XLSX), by command and by page."""

from __future__ import annotations

import html
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from app.diagnostic import cycles
from app.diagnostic.workbook_layout import READ_ONLY_SHEETS
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import Action, AuditEvent, ItemAnswer

PERSONAL = "Improving personal health and"  # the sheet: names have at most 31 characters


def _sheets(data: bytes) -> dict[str, list[tuple]]:
    wb = load_workbook(BytesIO(data))
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets
            if ws.title not in ("About", *READ_ONLY_SHEETS)}


def _state(assessment) -> tuple:
    db.session.expire_all()
    answers = sorted((a.item_id, a.rating, a.offer, a.evidence, a.evidence_links, a.gaps)
                     for a in assessment.answers)
    actions = sorted((a.item_id, a.what, a.owner, a.due, a.status) for a in assessment.actions)
    return answers, actions


def test_pdf_report_by_command_reads_back(runner, filled, tmp_path):
    out = tmp_path / "report.pdf"
    result = runner.invoke(args=["report", "org", "RA1", "--cycle", "2026 Q1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(out))
    assert reader.metadata.title == "Trust A: health and wellbeing diagnostic, 2026 Q1"
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Ratings by element", "Improving personal health and wellbeing",
                     "Talking therapies", "Evidence gaps", "Night staff <b>cannot</b> reach it",
                     "Action plan", "Evening clinic for night staff", "31/03/2026"):
        assert expected in text, expected
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert {"Evidence gaps", "Action plan", "Relationships"} <= set(outline)
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "diagnostic_report_written")) is not None


def test_pdf_download_button(client_for, filled):
    client, _ = client_for("org_lead")
    response = client.get(f"/diagnostic/a/{filled.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_export_then_import_round_trip_is_equal(runner, filled, tmp_path):
    out = tmp_path / "diagnostic.xlsx"
    assert runner.invoke(args=["export", "diagnostic", "RA1", "-o", str(out)]).exit_code == 0
    sheets = _sheets(out.read_bytes())
    assert len(sheets) == 7
    personal = sheets[PERSONAL]
    assert personal[2][:4] == ("Item id", "Sub-area", "Item", "Rating")
    trauma = next(r for r in personal if r[0] == "ph_trauma_support")
    assert trauma[4] == "'=SUM(A1:A2)"  # a formula typed as text never runs
    extra = [r for r in personal if r[0] == "ph_mental_health_offer"]
    assert len(extra) == 2 and extra[1][8] == "'-Promote self-referral"

    before = _state(filled)
    # Into a new, empty cycle: the same answers and actions come back.
    second = cycles.start(filled.organisation, "2026 Q2")
    db.session.commit()
    result = runner.invoke(args=["import", "diagnostic", "RA1", str(out), "--cycle", "2026 Q2"])
    assert result.exit_code == 0, result.output
    assert _state(second) == before
    assert _sheets(diagnostic_xlsx.to_bytes(second)) == sheets
    # Into the same cycle: nothing changes.
    result = runner.invoke(args=["import", "diagnostic", "RA1", str(out), "--cycle", "2026 Q1"])
    assert result.exit_code == 0, result.output
    assert _state(filled) == before


def _edited(filled, tmp_path, change) -> bytes:
    wb = diagnostic_xlsx.build(filled)
    change(wb)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rename_gaps(wb):
    wb["Relationships"]["H3"] = "Gapz"


def _bad_rating(wb):
    ws = wb["Environment"]
    ws.cell(row=5, column=4, value="5")


def _bad_date(wb):
    ws = wb["Data insights"]
    ws.cell(row=4, column=9, value="Send the report")
    ws.cell(row=4, column=11, value="31/02/2026")


def _unknown_sheet(wb):
    wb.create_sheet("Finance")


def _missing_column(wb):
    wb["Relationships"].delete_cols(4)


@pytest.mark.parametrize("change, message", [
    (_rename_gaps, "Sheet 'Relationships', row 3: column 'Gapz' is not one the diagnostic uses"),
    (_missing_column, "Sheet 'Relationships', row 3: missing column 'Rating'"),
    (_bad_rating, "Sheet 'Environment', row 5: rating '5' is not on the scale"),
    (_bad_date, "Sheet 'Data insights', row 4: action due date '31/02/2026' is not a real date"),
    (_unknown_sheet, "Sheet 'Finance': not an element of"),
])
def test_bad_workbook_is_refused_naming_sheet_and_row(runner, filled, tmp_path, change, message):
    before = _state(filled)
    path = tmp_path / "bad.xlsx"
    # A good change too, so a half import would show.
    def both(wb):
        wb[PERSONAL]["D5"] = "1"
        change(wb)
    path.write_bytes(_edited(filled, tmp_path, both))
    result = runner.invoke(args=["import", "diagnostic", "RA1", str(path)])
    assert result.exit_code != 0
    assert message in result.output
    assert "nothing imported" in result.output
    assert _state(filled) == before


def test_upload_page_imports_and_refuses(client_for, filled, tmp_path):
    client, _ = client_for("org_lead")
    url = f"/diagnostic/a/{filled.id}/import"
    assert client.get(url).status_code == 200

    def upload(data: bytes, name="d.xlsx"):
        return client.post(url, data={"workbook": (BytesIO(data), name)},
                           content_type="multipart/form-data")

    bad = upload(_edited(filled, tmp_path, _bad_rating))
    assert bad.status_code == 422
    page = html.unescape(bad.get_data(as_text=True))
    assert "Sheet 'Environment', row 5: rating '5' is not on the scale" in page
    assert "<title>Error: Import a workbook" in page
    assert upload(b"not a workbook").status_code == 422
    assert upload(b"x", name="d.csv").status_code == 422

    def rate(wb):
        wb["Environment"].cell(row=4, column=4, value="In place")
    good = upload(_edited(filled, tmp_path, rate))
    assert good.status_code == 302
    env_item = _sheets(diagnostic_xlsx.to_bytes(filled))["Environment"][3][0]
    assert db.session.scalar(select(ItemAnswer).where(ItemAnswer.item_id == env_item)).rating == "3"
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "diagnostic_imported")) is not None
    assert db.session.scalar(select(Action).where(Action.what == "-Promote self-referral"))


def test_an_import_says_what_changed_and_keeps_each_actions_id(client_for, filled, tmp_path):
    client, _ = client_for("org_lead")
    url = f"/diagnostic/a/{filled.id}/import"
    ids = sorted(a.id for a in filled.actions)
    assert ids  # the filled assessment has actions to keep

    def upload(change):
        sent = client.post(url, data={"workbook": (BytesIO(_edited(filled, tmp_path, change)),
                                                   "d.xlsx")},
                           content_type="multipart/form-data", follow_redirects=True)
        return html.unescape(sent.get_data(as_text=True))

    assert "Imported the workbook: nothing had changed." in upload(lambda wb: None)
    db.session.expire_all()
    assert sorted(a.id for a in filled.actions) == ids  # the same rows, not new ones

    def two_changes(wb):
        wb["Environment"].cell(row=4, column=4, value="In place")
        wb["Environment"].cell(row=5, column=4, value="In place")
    page = upload(two_changes)
    assert "Imported the workbook: 2 items changed." in page
    db.session.expire_all()
    assert sorted(a.id for a in filled.actions) == ids

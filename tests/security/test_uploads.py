"""Uploads: anything over MAX_CONTENT_LENGTH gets the 413 page, and every hostile workbook (by
page or by `flask import diagnostic`) gets a clear message and stores nothing: damaged or
entity-laden XML, sizes beyond the template's, far cells, wrong sheets, zip bombs, files that are
not workbooks or are protected with a password. Work is bounded: a file beyond the template's size
is refused from its declared size or its first far cell, before any row is read."""

from __future__ import annotations

import html
import io

import openpyxl
import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from sqlalchemy import select

from app.diagnostic import cycles, workbook_file, workbook_import
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import AuditEvent, ItemAnswer
from tests.security import hostile_xlsx as hostile
from tests.support.dbutil import count

DAMAGED = "is damaged"
NOT_XLSX = "not an Excel workbook (.xlsx)"
DTD = "document type declaration"
SHEET = "Sheet 'Relationships'"
# Each refusal's message, and the hostile workbooks (tests/security/hostile_xlsx.py) given it.
REFUSALS = {
    f"{SHEET} has an XML {DTD}": (
        hostile.billion_laughs, hostile.external_entity, hostile.doctype_only),
    f"{SHEET} {DAMAGED}: its XML is not well-formed": (hostile.malformed, hostile.malformed_late),
    f"{SHEET} is marked as using cells up to XFD1048576": (hostile.declared_huge,),
    f"{SHEET} has a cell at XFD4": (
        hostile.far_cell, hostile.far_cell_small_dimension, hostile.far_cell_under_another_root),
    f"{SHEET} has row 1048576, beyond column Z or row 2,003": (hostile.far_row,),
    f"{SHEET} {DAMAGED}: a cell's position '4E'": (hostile.bad_coordinate,),
    f"{SHEET} {DAMAGED}": (hostile.bad_number, hostile.missing_shared_string),
    f"The workbook {DAMAGED}: sheet 'Relationships' is missing": (hostile.missing_sheet_part,),
    "Sheet 'Finance 3': not an element of": (hostile.only_unknown_sheets,),
    # The counts add the exported workbook's own sheets and parts, so only the limit is named.
    "sheets: this service reads at most 50": (hostile.too_many_sheets,),
    "The workbook holds too much to read": (hostile.too_many_elements,),
    "Part 'xl/styles.xml' of the workbook holds too much to read": (
        hostile.bloated_styles, hostile.styles_posing_as_a_sheet),
    NOT_XLSX: (hostile.no_content_types, hostile.not_a_zip),
    DAMAGED: (hostile.lying_sizes, hostile.directory_past_its_end),
    "protected with a password": (hostile.encrypted_zip_entry, hostile.password_protected),
    "The file is empty": (hostile.empty_file,),
    "parts: a workbook this service reads has at most 500": (hostile.too_many_parts,),
    "The workbook is too large once unpacked": (hostile.zip_bomb,),
}
HOSTILE = [(build, message) for message, builds in REFUSALS.items() for build in builds]
IDS = [build.__name__ for build, _ in HOSTILE]


@pytest.fixture
def exported(app, orgs):
    """An assessment with one stored answer, and its exported workbook."""
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    assessment.answers.append(ItemAnswer(item_id="ph_mental_health_offer", rating="2",
                                         offer="Talking therapies", version=1))
    db.session.commit()
    return assessment, diagnostic_xlsx.to_bytes(assessment)


def _stored() -> list[tuple]:
    db.session.expire_all()
    answers = db.session.execute(select(ItemAnswer.item_id, ItemAnswer.rating, ItemAnswer.offer,
                                        ItemAnswer.version).order_by(ItemAnswer.item_id)).all()
    imports = db.session.scalars(select(AuditEvent.id).where(
        AuditEvent.action == "diagnostic_imported")).all()
    return [*answers, *imports]


@pytest.fixture
def rows_read(monkeypatch) -> list[str]:
    """The titles of the sheets whose rows openpyxl was asked for."""
    read: list[str] = []
    original = ReadOnlyWorksheet._cells_by_row

    def spy(ws, *args, **kwargs):
        read.append(ws.title)
        return original(ws, *args, **kwargs)

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", spy)
    return read


def test_the_good_row_of_the_hostile_sheets_imports_on_its_own(exported):
    """The hostile files differ from this one only by the hostile part, so a half import of
    any of them would show as rel_peer_support rated 3."""
    assessment, data = exported
    good = hostile.with_sheet(hostile.sheet(hostile.table_rows()))(data)
    parsed = workbook_import.parse(assessment, good)
    assert parsed.answers["rel_peer_support"]["rating"] == "3"


@pytest.mark.parametrize("build, message", HOSTILE, ids=IDS)
def test_a_hostile_workbook_upload_is_refused_with_a_message(
        exported, make_user, sign_in, client, build, message):
    assessment, data = exported
    sign_in(make_user("org_lead"))
    before = _stored()
    response = client.post(f"/diagnostic/a/{assessment.id}/import",
                           data={"workbook": (io.BytesIO(build(data)), "hostile.xlsx")},
                           content_type="multipart/form-data")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "The workbook was not imported" in page and "nhsuk-error-summary" in page
    assert message in page
    assert "root:" not in page and "Traceback" not in page
    assert _stored() == before


@pytest.mark.parametrize("build, message", HOSTILE, ids=IDS)
def test_a_hostile_workbook_on_the_command_line_is_refused_with_a_message(
        exported, runner, tmp_path, build, message):
    _assessment, data = exported
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build(data))
    before = _stored()
    result = runner.invoke(args=["import", "diagnostic", "RA1", str(path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    assert message in result.output and "nothing imported" in result.output
    assert _stored() == before


def test_an_endless_workbook_on_the_command_line_is_refused_after_the_limit(exported, runner):
    """A device that never ends (its size says 0): read one byte past the limit, no further."""
    before = _stored()
    result = runner.invoke(args=["import", "diagnostic", "RA1", "/dev/zero"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "The file is larger than 2 MB" in result.output
    assert _stored() == before


@pytest.mark.parametrize("build", [hostile.declared_huge, hostile.far_cell,
                                   hostile.far_cell_small_dimension, hostile.far_row,
                                   hostile.billion_laughs, hostile.too_many_elements,
                                   hostile.styles_posing_as_a_sheet])
def test_a_workbook_beyond_the_template_is_refused_before_any_row_is_read(
        exported, rows_read, build):
    assessment, data = exported
    with pytest.raises(workbook_import.WorkbookRefused):
        workbook_import.parse(assessment, build(data))
    assert rows_read == []


def test_rows_are_read_no_wider_than_the_last_column_checked(exported, rows_read):
    """A good workbook's rows come back at most LAST_COLUMN cells wide, whatever the sheet's
    declared size: the work per row is bounded."""
    assessment, data = exported
    wb = workbook_file.open_workbook(data, max_rows=workbook_import.MAX_SHEET_ROWS,
                                     max_columns=workbook_import.MAX_SHEET_COLUMNS)
    try:
        for ws in wb.worksheets:
            for row in workbook_file.read_rows(ws, max_row=workbook_import.MAX_SHEET_ROWS,
                                               max_col=workbook_import.MAX_SHEET_COLUMNS):
                assert len(row) <= workbook_import.MAX_SHEET_COLUMNS
    finally:
        wb.close()
    assert len(rows_read) == len(wb.worksheets)


def test_openpyxl_reads_xml_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("build", [hostile.billion_laughs, hostile.external_entity])
def test_entities_are_refused_by_defusedxml_too(exported, monkeypatch, build):
    """The second line of defence: with the package check switched off, openpyxl (through
    defusedxml) refuses the entities as the rows are read, and that is a clear refusal too."""
    assessment, data = exported
    monkeypatch.setattr(workbook_file, "check_package", lambda *a, **k: None)
    with pytest.raises(workbook_import.WorkbookRefused) as refused:
        workbook_import.parse(assessment, build(data))
    [error] = refused.value.errors
    assert "is damaged and cannot be read" in error


def test_an_oversized_workbook_upload_is_refused_with_413(app, orgs, make_user, sign_in, client):
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    sign_in(make_user("org_lead", org=orgs[0]))
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    response = client.post(f"/diagnostic/a/{assessment.id}/import",
                           data={"workbook": (big, "big.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)
    assert count("diagnostic_item_answers") == 0


def test_an_oversized_form_post_is_refused_with_413(client):
    response = client.post("/sign-in", data={"email": "a@example.nhs.uk",
                                             "password": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_read(
        exported, monkeypatch):
    """A zip bomb: small to upload, 60 MB once unpacked. It is refused from the zip's
    directory alone; neither the XML check nor openpyxl opens a part."""
    assessment, data = exported
    bomb = hostile.zip_bomb(data)
    assert len(bomb) < 200 * 1024
    opened = []
    monkeypatch.setattr(workbook_file, "scan_part", lambda *a, **k: opened.append(1))
    monkeypatch.setattr(workbook_file, "load_workbook", lambda *a, **k: opened.append(1))
    with pytest.raises(workbook_import.WorkbookRefused) as refused:
        workbook_import.parse(assessment, bomb)
    assert refused.value.errors == ["The workbook is too large once unpacked"]
    assert not opened

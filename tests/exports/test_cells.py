"""No export runs as a formula: every CSV and workbook cell that a spreadsheet could take as one
(= + - @, tab, CR, and their Unicode look-alikes such as full-width ＝＋－＠) starts with an
apostrophe, by one shared rule (app/exports/cells.py), and a workbook read back loses it again."""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from types import SimpleNamespace

import openpyxl
import pytest
from freezegun import freeze_time

from app.diagnostic import cycles, workbook_import
from app.exports import cells, diagnostic_xlsx
from app.exports import staff_voice_csv as staff_voice_export
from app.extensions import db
from app.models import ItemAnswer
from tests.support.framework_review import BASE, FIRST_PAGES, answer_all

LOOK_ALIKES = ["＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "⁼", "⁺", "₌", "₊"]
STARTS = ["=", "+", "-", "@", "\t", "\r", "\n", *LOOK_ALIKES]


def test_every_character_a_spreadsheet_may_read_as_a_formula_start_is_neutralised():
    """All of Unicode: any character whose compatibility form is = + - @ (full-width, small,
    superscript, subscript...) is a formula start, as are tab, carriage return and line feed."""
    expected = {chr(c) for c in range(sys.maxunicode + 1)
                if unicodedata.normalize("NFKC", chr(c)) in ("=", "+", "-", "@")}
    assert expected | {"\t", "\r", "\n"} == set(cells.FORMULA_START)


@pytest.mark.parametrize("start", STARTS)
def test_a_formula_start_becomes_text(start):
    typed = f'{start}HYPERLINK("http://evil.example","x")'
    assert cells.text(typed) == "'" + typed
    assert cells.value(typed) == "'" + typed
    assert cells.text("plain") == "plain" and cells.value(12) == 12 and cells.text(None) == ""


@pytest.mark.parametrize("start", LOOK_ALIKES[:4])
def test_consultation_exports_neutralise_look_alikes(app, client, make_user, sign_in, start):
    typed = f"{start}1+2"
    pages = list(FIRST_PAGES)
    pages[1] = ("framework_use", {**FIRST_PAGES[1][1], "what_was_missing": typed})
    with freeze_time("2020-03-10 12:00:00"):
        html = answer_all(client, pages).get_data(as_text=True)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
    admin = app.test_client()
    user = make_user("admin")
    admin.post("/sign-in", data={"email": user.email, "password": "correct-horse-battery"})
    base = "/admin/consultations/framework_review"
    exported = admin.get(f"{base}/responses.csv", buffered=True).get_data(as_text=True)
    [row] = list(csv.DictReader(io.StringIO(exported)))
    assert row["what_was_missing"] == row["what_was_missing (label)"] == "'" + typed
    sheet = openpyxl.load_workbook(io.BytesIO(admin.get(f"{base}/responses.xlsx",
                                                        buffered=True).data)).active
    found = [c for r in sheet.iter_rows() for c in r if c.value == "'" + typed]
    assert found and all(c.data_type == "s" for c in found)


def test_staff_voice_csv_neutralises_look_alikes():
    results = SimpleNamespace(scope="＝Evil org", survey=SimpleNamespace(id="s", version=1),
                              hidden_text="hidden", questions=[],
                              respondents=[SimpleNamespace(label="＠All", n=12, shown=True)])
    [row] = staff_voice_export.rows(results)
    assert row[0] == "'＝Evil org" and row[5] == "'＠All"


@pytest.mark.parametrize("start", STARTS)
def test_the_diagnostic_workbook_writes_look_alikes_as_text_and_reads_them_back(
        app, orgs, start):
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    typed = f"{start}SUM(A1:A2)"
    assessment.answers.append(ItemAnswer(item_id="ph_trauma_support", rating="3", offer=typed,
                                         version=1))
    db.session.commit()
    data = diagnostic_xlsx.to_bytes(assessment)
    book = openpyxl.load_workbook(io.BytesIO(data))
    # A workbook's XML reads a carriage return back as a line feed.
    found = [c for ws in book.worksheets for r in ws.iter_rows() for c in r
             if c.value == "'" + typed.replace("\r", "\n")]
    assert found and all(c.data_type == "s" for c in found)
    parsed = workbook_import.parse(assessment, data)
    assert parsed.answers["ph_trauma_support"]["offer"] == typed.replace("\r", "\n")

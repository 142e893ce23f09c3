"""PDF, XLSX and SQLite outputs read back, and the commands' bad input."""

from __future__ import annotations

import io
import sqlite3

from openpyxl import load_workbook
from pypdf import PdfReader

from app.analysis import ics
from app.exports import ics_dataset, ics_xlsx
from app.reports import ics_report


def outline_titles(outline) -> list[str]:
    out = []
    for entry in outline:
        out += outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return out


def test_pdf_has_title_language_outline_and_figures(hand_built, system):
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
    assert "night staff" in text and "weekend clinic" in text
    assert "2 of 3" in text  # relationships rated low by two of the three


def test_xlsx_reads_back_with_formulas_neutralised(hand_built, system):
    wb = load_workbook(io.BytesIO(ics_xlsx.to_bytes(ics.compile_system(system))))
    assert wb.sheetnames[:3] == ["About", "Heat map", "Shared gaps"]
    heat = list(wb["Heat map"].values)
    alpha = next(r for r in heat if r[0] == "AL1")
    assert alpha[4] == "In place" and alpha[5] == "Not in place"
    assert alpha[-1] == 100
    assert wb["Heat map"].cell(row=heat.index(alpha) + 1, column=5).fill.fgColor.rgb.endswith(
        "D5ECDC")
    gaps = list(wb["Shared gaps"].values)
    assert gaps[1][:5] == ("Element", "Relationships", None, 2, 3)
    free = [r[4] for r in wb["Free text"].values]
    assert any(v and v.startswith("Night staff feel isolated; =HYPERLINK") for v in free)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"), (
                    ws.title, cell.coordinate, cell.value)
    assert ics_xlsx.safe("=1+1") == "'=1+1" and ics_xlsx.safe("@SUM") == "'@SUM"
    assert ics_xlsx.safe("\tx") == "'\tx" and ics_xlsx.safe("plain") == "plain"


def test_sqlite_dataset_tables_foreign_keys_and_search(hand_built, system, tmp_path):
    path = tmp_path / "ics.db"
    ics_dataset.write(ics.compile_system(system), path)
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert {"organisations", "ratings", "evidence_gaps", "staff_voice_counts", "themes",
            "theme_organisations", "actions", "elements", "element_ratings"} <= tables
    assert {"ratings_fts", "actions_fts"} <= tables
    fks = {(r[2], r[3]) for r in con.execute("pragma foreign_key_list(ratings)")}
    assert ("organisations", "organisation_id") in fks and ("elements", "element_id") in fks
    assert ("themes", "theme_id") in {(r[2], r[3]) for r in con.execute(
        "pragma foreign_key_list(theme_organisations)")}
    assert list(con.execute("pragma foreign_key_check")) == []
    found = con.execute(
        "select o.name from ratings_fts f join ratings r on r.rowid = f.rowid "
        "join organisations o on o.id = r.organisation_id where ratings_fts match 'gaps:night' "
        "order by o.name").fetchall()
    assert [r[0] for r in found] == ["Alpha Trust", "Beta Trust", "Gamma Practice"]
    assert con.execute("select count(*) from actions_fts where actions_fts match 'clinic'"
                       ).fetchone()[0] == 2
    theme = con.execute("select id, organisations from themes where name = 'night staff'"
                        ).fetchone()
    assert theme[1] == 3
    assert con.execute("select count(*) from theme_organisations where theme_id = ?",
                       (theme[0],)).fetchone()[0] == 3
    assert con.execute("select count(*) from element_ratings").fetchone()[0] == 3 * 7
    con.close()


def test_commands_write_files(hand_built, runner, tmp_path):
    for args, name in ((["report", "ics", "qz9"], "r.pdf"), (["export", "ics", "QZ9"], "r.xlsx"),
                       (["export", "ics-dataset", "QZ9", "--type", "trust"], "r.db")):
        result = runner.invoke(args=[*args, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_size > 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    con = sqlite3.connect(tmp_path / "r.db")
    assert [r[0] for r in con.execute("select code from organisations order by code")] == [
        "AL1", "BE2"]


def test_commands_refuse_bad_input_without_writing(hand_built, runner, tmp_path):
    cases = [(["report", "ics", "NOPE"], "no ICS has code NOPE"),
             (["report", "ics", "QZ9", "--cycle", "1999 Q1"],
              "no organisation in QZ9 has a diagnostic cycle called \u201c1999 Q1\u201d"),
             (["export", "ics", "QZ9", "--type", "castle"], "unknown organisation type castle"),
             (["export", "ics-dataset", "NOPE"], "no ICS has code NOPE")]
    for args, message in cases:
        out = tmp_path / "out.file"
        result = runner.invoke(args=[*args, "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert message in result.output
        assert not out.exists()


def test_a_system_with_no_assessments_writes_nothing(app, system, runner, tmp_path):
    result = runner.invoke(args=["report", "ics", "QZ9", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "has started the diagnostic" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_sqlite_dataset_text_is_formula_safe_for_datasette_csv(hand_built, system, tmp_path):
    """Datasette offers every table as CSV, so text in the dataset follows the export rule
    (app/exports/cells.py): a formula start gets a leading apostrophe; numbers stay numbers."""
    from app.extensions import db
    from app.models import ItemAnswer

    answer = db.session.query(ItemAnswer).filter(ItemAnswer.gaps != "").first()
    answer.offer = '=HYPERLINK("http://evil.example","x")'
    hand_built["AL1"].name = "\uff20Alpha Trust"  # full-width @
    db.session.commit()
    path = tmp_path / "ics.db"
    ics_dataset.write(ics.compile_system(system), path)
    con = sqlite3.connect(path)
    offers = [r[0] for r in con.execute("select offer from ratings where offer != ''")]
    assert offers == ["'" + answer.offer]
    name, items = con.execute("select name, items from organisations where code = 'AL1'"
                              ).fetchone()
    assert name == "'\uff20Alpha Trust" and isinstance(items, int)
    for table in ("organisations", "ratings", "actions", "themes", "staff_voice_counts"):
        for row in con.execute(f"select * from {table}"):  # noqa: S608 (fixed names)
            for value in row:
                assert not (isinstance(value, str) and value.startswith(
                    ("=", "+", "-", "@", "\t", "\r", "\n", "\uff20"))), (table, row)
    con.close()

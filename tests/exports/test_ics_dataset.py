"""The ICS SQLite dataset (app/exports/ics_dataset.py) read back: its tables, keys and search,
text that stays text in Datasette's CSV, and the evidence gaps' hand-counted figures with each
organisation's reason, in the words of every other output."""

from __future__ import annotations

import sqlite3

from app.analysis import ics
from app.exports import ics_dataset
from tests.support.themes import sign_off_ics_themes
from tests.support.voice_evidence import ELEMENT, five_organisations


def test_gap_counts_and_reasons_read_back(app, system, tmp_path):
    five_organisations(system)
    path = tmp_path / "ics.db"
    ics_dataset.write(ics.compile_system(system), path)
    db = sqlite3.connect(path)
    assert db.execute(
        "select organisations, without_evidence, no_survey, not_shown, headline from "
        "evidence_gap_counts where element_id = ? and band = 'Band 3'", [ELEMENT]).fetchone() == (
        5, 4, 3, 1, "4 of 5 organisations have no Band 3 evidence: 3 ran no survey, 1 not shown")
    reasons = dict(db.execute(
        "select o.code, g.status || ': ' || g.reason from evidence_gaps g join organisations o "
        "on o.id = g.organisation_id where g.element_id = ? and g.band = 'Band 3'", [ELEMENT]))
    assert reasons == {
        "BE2": "Not shown: too few answered, or hidden to protect a small group",
        **dict.fromkeys(("GA3", "DE4", "EP5"), "No survey: no staff survey asking this band "
                        "about this element closed in the window")}
    db.close()


def test_sqlite_dataset_tables_foreign_keys_and_search(hand_built, system, tmp_path):
    sign_off_ics_themes(system, {"Night staff": "night"})
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
    theme = con.execute("select id, organisations from themes where name = 'Night staff' "
                        "and kind = 'theme'").fetchone()
    assert theme[1] == 3
    assert con.execute("select count(*) from theme_organisations where theme_id = ?",
                       (theme[0],)).fetchone()[0] == 3
    assert con.execute("select count(*) from element_ratings").fetchone()[0] == 3 * 7
    con.close()


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

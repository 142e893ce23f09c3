"""R5 for the ICS downloads themselves: for random staff-voice group sizes and any organisation
type filter, the workbook (`flask export ics`) and the SQLite dataset (`flask export ics-dataset`)
are written by the commands, read back with openpyxl and sqlite3, and every staff-voice figure
in them is checked: no shown group under the minimum, no hidden group recoverable by subtracting
shown ones (tests/support/attacks.py, over the whole system's rows together)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from app.analysis import releases
from app.analysis.suppression import HIDDEN
from app.models.release import Release, ReleaseFigure
from tests.security.ics_voice_data import ONLY, SIZES, WHOLE_SYSTEM, build, check

PROPERTY = settings(max_examples=6, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _export(app, tmp_path: Path, command: str, suffix: str, only: str) -> Path:
    out = tmp_path / f"ics{suffix}"
    out.unlink(missing_ok=True)
    args = ["export", command, "QZ9", "-o", str(out), *(["--type", only] if only else [])]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    return out


def read_workbook(path: Path) -> list[tuple[str, str, object]]:
    """(organisation, band, responses) from the workbook's staff-voice sheet."""
    book = load_workbook(path)
    sheet = list(book["Staff-voice counts"].values)
    assert sheet[0] == ("Survey", "Organisation", "Wave", "Band", "Responses")
    return [(who, band, value) for _, who, _, band, value in sheet[1:]]


def read_dataset(path: Path) -> list[tuple[str, str, object]]:
    con = sqlite3.connect(path)
    names = dict(con.execute("select id, name from organisations"))
    out = []
    for org_id, scope, band, responses, shown_as in con.execute(
            "select organisation_id, scope, band, responses, shown_as from staff_voice_counts"):
        if responses is None:
            assert shown_as == HIDDEN, (scope, band, shown_as)
            out.append((scope, band, HIDDEN))
        else:
            assert shown_as == str(responses), (scope, band, shown_as, responses)
            out.append((names[org_id] if org_id is not None else WHOLE_SYSTEM, band, responses))
    con.close()
    return out


def _check_filter(read, waves, only):
    by_name = {w.organisation.name: w.organisation for w in waves}
    assert any(who == WHOLE_SYSTEM for who, _, _ in read)  # the whole system is always there
    for who, _, _ in read:
        if who != WHOLE_SYSTEM and only:
            assert by_name[who].type == only


OUTPUTS = pytest.mark.parametrize("command,suffix,read", [
    ("ics", ".xlsx", read_workbook), ("ics-dataset", ".db", read_dataset)],
    ids=["workbook", "dataset"])


@OUTPUTS
@PROPERTY
@given(sizes=SIZES, only=ONLY)
def test_read_back_gives_away_no_small_group(app, tmp_path, command, suffix, read, sizes, only):
    _, waves = build(sizes)
    found = read(_export(app, tmp_path, command, suffix, only))
    _check_filter(found, waves, only)
    problems = check(waves, found)
    assert not problems, problems


# Band 2 of Org 0 (4 people) is hidden first; Band 3 of Org 0 and Band 2 of Org 1 (12 each) are
# hidden only to protect it. Without suppression both downloads must fail the checks above.
FIXED = [("trust", 4, 12, 30), ("trust", 12, 20, 25)]


@OUTPUTS
@pytest.mark.parametrize("weaken", ["none", "primary only"])
def test_checks_catch_a_download_without_suppression(app, tmp_path, monkeypatch, command,
                                                     suffix, read, weaken):
    _, waves = build(FIXED)
    assert not check(waves, read(_export(app, tmp_path, command, suffix, "")))
    _weaken(monkeypatch, weaken)
    problems = check(waves, read(_export(app, tmp_path, command, suffix, "")))
    assert problems
    if weaken == "none":
        assert any("shown small group" in p for p in problems), problems
    else:
        assert any("recovered" in p or "hidden part" in p for p in problems), problems


def _weaken(monkeypatch, how: str) -> None:
    """Releases made from now on hide nothing ("none"), or only the small groups."""
    from app import extensions

    def weak(bands, groups, size, min_size):
        return {g: set() if how == "none" else {b for b in [*bands, releases.ALL]
                                                if size[(g, b)] < min_size} for g in groups}

    monkeypatch.setattr(releases, "primary", weak)
    monkeypatch.setattr(releases, "audit", lambda *args: [])
    db = extensions.db
    db.session.execute(db.delete(ReleaseFigure))
    db.session.execute(db.delete(Release))
    db.session.commit()


def test_pdf_and_page_label_every_hidden_count_alike(app, tmp_path):
    """The 4-person group and the 12-person groups hidden to protect it all read "Not shown",
    in the PDF (`flask report ics`) as in the downloads; none says "fewer than"."""
    import io

    from pypdf import PdfReader

    build(FIXED)
    out = tmp_path / "ics.pdf"
    result = app.test_cli_runner().invoke(args=["report", "ics", "QZ9", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    respondents = text[text.index("Staff-voice respondents"):]
    assert respondents.count(HIDDEN) >= 3 and "fewer than" not in respondents
    assert "some larger groups" in respondents

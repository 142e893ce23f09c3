"""`flask report ics`, `flask export ics` and `flask export ics-dataset` (app/commands/ics.py):
the files written, and bad input refused with nothing written."""

from __future__ import annotations

import sqlite3


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

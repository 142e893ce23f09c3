"""`flask staff-survey import FILE`: the admin page's import from the command line, with a
progress bar; a file with problems prints each with its line and stores nothing."""

from __future__ import annotations

from tests.support.dbutil import count

HEADER = "organisation code,year,theme,score,benchmark-group median\n"


def test_the_command_imports_a_file(runner, orgs, tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text(HEADER + "RA1,2025,We are safe and healthy,5.9,6.1\n"
                             "RB2,2024,Morale,6.2,6.0\n")
    result = runner.invoke(args=["staff-survey", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Storing theme scores" in result.output
    assert "Imported 2 theme scores for RA1, RB2 (2024, 2025)." in result.output
    assert count("staff_survey_scores") == 2


def test_the_command_lists_each_problem_and_imports_nothing(runner, orgs, tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text(HEADER + "RA1,2025,We are safe and healthy,5.9,6.1\n"
                             "RA1,2025,We are happy,6.2,6.0\nXX1,2025,Morale,6,6\n")
    result = runner.invoke(args=["staff-survey", "import", str(path)])
    assert result.exit_code == 1
    assert f"{path}: Line 3: 'We are happy' is not an NHS Staff Survey theme" in result.output
    assert f"{path}: Line 4: no organisation has the code 'XX1'" in result.output
    assert "nothing imported: 2 problem(s)" in result.output
    assert count("staff_survey_scores") == 0

"""The staff-voice threshold: 11 is the floor. A definition may raise `min_group_size`, never
lower it; absurd values, non-numbers and YAML booleans are errors at the value's line and column,
and `flask surveys load` refuses the folder (nothing stored)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.surveys.schema import MIN_GROUP_SIZE_CEILING, MIN_GROUP_SIZE_FLOOR
from tests.support.dbutil import count
from tests.support.paths import SURVEY_DEFS
from tests.support.survey_yaml import HEAD, errors, load, messages, staff_voice

FLOOR = ("[bad-value] min_group_size must be at least 11 (got {got}): a definition may raise "
         "the threshold, never lower it")
NOT_WHOLE = "[bad-value] min_group_size must be a whole number (got '{got}')"


def sized(size: str) -> str:
    return staff_voice(f"min_group_size: {size}")


def test_floor_and_ceiling_are_eleven_and_a_thousand():
    assert (MIN_GROUP_SIZE_FLOOR, MIN_GROUP_SIZE_CEILING) == (11, 1000)


@pytest.mark.parametrize("size", ["11", "12", "25", "1000", "+11", "011"])
def test_the_floor_and_anything_above_it_up_to_the_ceiling_loads(size):
    result = load(sized(size))
    assert result.errors == []
    assert result.survey.min_group_size == int(size)


def test_absent_means_eleven():
    result = load(sized("11").replace("min_group_size: 11\n", ""))
    assert result.errors == [] and result.survey.min_group_size == 11


@pytest.mark.parametrize("size", ["10", "5", "1", "0", "-1", "-11"])
def test_lowering_the_threshold_is_an_error_at_the_value(size):
    assert messages(sized(size)) == [f"defs/test.yaml:6:17 {FLOOR.format(got=int(size))}"]
    assert load(sized(size)).survey is None


@pytest.mark.parametrize("size", ["1001", "11000", "99999999999999999999"])
def test_absurd_values_are_errors(size):
    assert messages(sized(size)) == [
        f"defs/test.yaml:6:17 [bad-value] min_group_size must be at most 1000 (got {int(size)}): "
        "a threshold that high would hide almost every group, so it is taken for a typo"
    ]


@pytest.mark.parametrize("size", ["yes", "no", "on", "true", "false", "11.0", "1e3", "eleven",
                                  '"11"', "'11'", "null", "~"])
def test_non_integers_and_booleans_are_errors(size):
    got = {'"11"': "11", "'11'": "11", "~": "~"}.get(size, size)
    assert messages(sized(size)) == [f"defs/test.yaml:6:17 {NOT_WHOLE.format(got=got)}"]


def test_a_list_or_mapping_is_an_error():
    assert errors(sized("[11]")) == [(6, 17, "bad-value")]
    assert errors(sized("{at_least: 11}")) == [(6, 17, "bad-value")]


def test_every_error_in_the_file_is_still_listed():
    text = sized("3").replace("title: T", "title: T\nsummary_lin: x")
    assert errors(text) == [(6, 1, "unknown-key"), (7, 17, "bad-value")]


def test_consultations_and_diagnostics_do_not_take_the_key():
    consultation = HEAD.replace("title: A test\n", "title: A test\nmin_group_size: 20\n")
    consultation += "      - {id: q1, type: text}\n"
    assert messages(consultation) == [
        "defs/test.yaml:6:1 [unknown-key] 'min_group_size' is not a key of a consultation survey "
        "(only of a staff_voice survey)"
    ]
    diagnostic = ("schema: 1\nid: d\nversion: 1\nkind: diagnostic\ntitle: D\nmin_group_size: 20\n"
                  "elements:\n  - id: e\n    title: E\n    sub_areas:\n      - id: s\n"
                  "        title: S\n        items:\n          - {id: i, prompt: P}\n")
    assert messages(diagnostic) == [
        "defs/test.yaml:6:1 [unknown-key] 'min_group_size' is not a key of a diagnostic survey "
        "(only of a staff_voice survey)"
    ]


# The line of the shipped definition's threshold, counted here so rewording the text above it
# does not break the position checks.
THRESHOLD_LINE = (SURVEY_DEFS / "staff_voice_bands_2_4.yaml").read_text(
    encoding="utf-8").splitlines().index("min_group_size: 11") + 1


def _defs_with_threshold(tmp_path: Path, size: str) -> tuple[Path, Path]:
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    path = folder / "staff_voice_bands_2_4.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nmin_group_size: 11\n" in text  # the value at column 17 of THRESHOLD_LINE
    path.write_text(text.replace("\nmin_group_size: 11\n", f"\nmin_group_size: {size}\n"),
                    encoding="utf-8")
    return folder, path


def test_surveys_check_reports_the_file_line_and_column(runner, tmp_path):
    _, path = _defs_with_threshold(tmp_path, "5")
    result = runner.invoke(args=["surveys", "check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{path}:{THRESHOLD_LINE}:17 {FLOOR.format(got=5)}"]


def test_surveys_load_refuses_a_lowered_threshold_and_stores_nothing(app, runner, tmp_path):
    folder, path = _defs_with_threshold(tmp_path, "yes")
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    result = runner.invoke(args=["surveys", "load"])
    assert result.exit_code == 1
    assert f"{path}:{THRESHOLD_LINE}:17 {NOT_WHOLE.format(got='yes')}" in result.output
    assert "nothing loaded" in result.output
    assert count("definition_snapshots") == 0

"""`flask surveys check|load` and the app's own loading, given hostile definition files.

Every bad file gives `path:line:col [code] message` lines and exit 1, never a traceback; a folder
argument checks the folder; files anywhere are checked against a definitions folder's shared lists.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from app.definitions import catalogue, get_survey, reload
from app.surveys import load_dir
from tests.support.dbutil import count
from tests.support.hostile_definitions import GOOD, HOSTILE_BYTES
from tests.support.paths import SURVEY_DEFS

ERROR_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+) \[(?P<code>[a-z-]+)\] \S.*$")


def _run(runner, *args):
    result = runner.invoke(args=["surveys", *args])
    # CliRunner turns an uncaught exception into exit code 1 too: tell the two apart.
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def _hostile_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, data in {
        **HOSTILE_BYTES,
        "bom_then_error": b"\xef\xbb\xbf" + GOOD.replace("schema: 1", "schemaa: 1").encode(),
        "deep": ("[" * 10_000 + "]" * 10_000).encode(),
        "deep_map": ("{a: " * 10_000 + "}" * 10_000).encode(),
        "laughs": b'a: &a ["lol", "lol"]\nb: &b [*a, *a, *a]\n',
        "empty": b"",
        "list": b"- a\n- b\n",
        "unclosed": b'schema: 1\nid: "tiny\ntitle: x\n',
        "duplicate": (GOOD + "title: Again\n").encode(),
        "big_number": GOOD.replace("version: 1", "version: " + "9" * 5000).encode(),
    }.items():
        path = folder / f"{name}.yaml"
        path.write_bytes(data)
        files.append(path)
    return files


def test_every_hostile_file_gives_positioned_lines_and_exit_1(runner, tmp_path):
    for path in _hostile_files(tmp_path / "drafts"):
        result = _run(runner, "check", str(path))
        assert result.exit_code == 1, (path.name, result.output)
        lines = result.output.splitlines()
        assert lines, path.name
        for line in lines:
            match = ERROR_LINE.match(line)
            assert match and match["path"] == str(path), (path.name, line)


def test_one_bad_file_never_stops_the_others(runner, tmp_path):
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    bad = _hostile_files(folder)
    result = _run(runner, "check", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [line for line in lines if ERROR_LINE.match(line)]
    assert {ERROR_LINE.match(line)["path"] for line in errors} == {str(p) for p in bad}
    for good in SURVEY_DEFS.glob("[!_]*.yaml"):
        assert f"{folder / good.name}: ok (" in result.output
    # The same when the app's own folder holds the bad files and no path is given.
    runner.app.config["SURVEY_DEFS_DIR"] = str(folder)
    assert _run(runner, "check").output == result.output


def test_a_folder_argument_checks_every_definition_in_it(runner):
    result = _run(runner, "check", str(SURVEY_DEFS))
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == len(list(SURVEY_DEFS.glob("[!_]*.yaml")))


def test_a_file_outside_survey_defs_sees_the_apps_shared_lists(runner, tmp_path):
    draft = tmp_path / "drafts" / "tiny.yaml"
    draft.parent.mkdir()
    draft.write_text(GOOD)  # uses agree5, a list of survey_defs/_choices.yaml
    result = _run(runner, "check", str(draft))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{draft}: ok (consultation 'tiny'")


def test_defs_option_names_the_folder_to_check_against(runner, tmp_path):
    other = tmp_path / "other_defs"
    other.mkdir()
    (other / "_choices.yaml").write_text("agree3: [{value: a, label: A}]\n")
    draft = tmp_path / "tiny.yaml"
    draft.write_text(GOOD)
    result = _run(runner, "check", "--defs", str(other), str(draft))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{draft}:11:18 [unknown-choices] no choice list 'agree5' in {other / '_choices.yaml'} "
        "(did you mean 'agree3'?)"]
    help_text = _run(runner, "check", "--help").output
    assert "--defs" in help_text and "_choices.yaml" in help_text


def test_a_missing_path_is_reported_and_the_rest_still_checked(runner, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = _run(runner, "check", str(missing), str(SURVEY_DEFS / "framework_review.yaml"))
    assert result.exit_code == 1
    assert f"{missing}:1:1 [unreadable]" in result.output
    assert "framework_review.yaml: ok (" in result.output


@pytest.mark.parametrize("name", ["utf16_bom", "latin1", "deep"])
def test_load_refuses_bad_files_with_a_clear_message_and_stores_nothing(
        app, runner, tmp_path, name):
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    bad = next(p for p in _hostile_files(tmp_path / "all") if p.stem == name)
    shutil.copy(bad, folder / bad.name)
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    result = _run(runner, "load")
    assert result.exit_code == 1
    assert any(ERROR_LINE.match(line) and line.startswith(str(folder / bad.name))
               for line in result.output.splitlines())
    assert "nothing loaded" in result.output
    assert count("definition_snapshots") == 0


def test_the_app_keeps_its_good_surveys_and_logs_each_bad_file(app, tmp_path, caplog):
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    bad = _hostile_files(folder)
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    reload()
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        loaded = catalogue()
    assert sorted(loaded.surveys) == sorted(load_dir(SURVEY_DEFS).surveys)
    assert get_survey("framework_review") is not None
    logged = " ".join(r.getMessage() for r in caplog.records)
    for path in bad:
        assert str(path) in logged, path.name

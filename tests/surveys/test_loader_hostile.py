"""Hostile definition files: every one gives positioned, coded errors, never an exception.

Encodings, binary junk, deep nesting, aliases, huge files and syntax errors, one file at a time
and mixed into a folder of good files (one bad file must not stop the others loading).
"""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from app.surveys import load_dir, load_file, load_paths, load_text
from app.surveys.checks import CODES
from app.surveys.sources import MAX_FILE_BYTES
from app.surveys.yamlnodes import MAX_DEPTH, MAX_NODES
from tests.support.hostile_definitions import GOOD, HOSTILE_BYTES
from tests.support.paths import SURVEY_DEFS


def _written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "definition.yaml"
    path.write_text(text)
    return path


def _one_error(path: Path) -> tuple[int, int, str, str]:
    result = load_file(path, choices={})
    assert result.survey is None
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    error = result.errors[0]
    assert error.path == str(path) and error.code in CODES
    return error.line, error.col, error.code, error.message


@pytest.mark.parametrize("name", sorted(HOSTILE_BYTES))
def test_a_file_that_is_not_utf8_text_is_one_encoding_error(tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE_BYTES[name])
    _, _, code, message = _one_error(path)
    assert code == "encoding" and "UTF-8" in message


def test_utf16_and_latin1_say_what_the_file_is_and_where(tmp_path):
    def error_for(data: bytes) -> tuple[int, int, str, str]:
        path = tmp_path / "f.yaml"
        path.write_bytes(data)
        return _one_error(path)

    assert "UTF-16" in error_for(GOOD.encode("utf-16"))[3]
    assert "UTF-16" in error_for(GOOD.encode("utf-16-le"))[3]
    # 'é' of 'Café' on line 5: the first byte that is not UTF-8, at its own column.
    line, col, _, message = error_for(GOOD.encode("latin-1"))
    assert (line, col) == (5, 11) and "0xE9" in message
    assert error_for(GOOD.replace("title:", "ti\0tle:").encode())[:2] == (5, 3)


def test_a_utf8_bom_is_accepted_and_does_not_shift_columns(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    result = load_file(path, choices=load_dir(SURVEY_DEFS).choices)
    assert result.errors == [] and result.survey.title == "Café survey"
    path.write_bytes(codecs.BOM_UTF8 + GOOD.replace("schema: 1", "schemaa: 1").encode())
    first = load_file(path).errors[0]
    assert (first.line, first.col, first.code) == (1, 1, "unknown-key")


@pytest.mark.parametrize("text, where", [
    ("[" * 10_000 + "]" * 10_000, (1, MAX_DEPTH + 1)),
    ("{a: " * 10_000 + "}" * 10_000, (1, 4 * MAX_DEPTH - 2)),  # the key of the deepest map
    ("- " * 10_000 + "x\n", (1, 2 * MAX_DEPTH + 1)),
    ("a: " + "[" * 5_000 + "]" * 5_000, (1, 4 + MAX_DEPTH - 1)),
])
def test_deep_nesting_is_refused_where_it_gets_too_deep(tmp_path, text, where):
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    line, col, code, message = _one_error(path)
    assert code == "too-deep" and (line, col) == where and str(MAX_DEPTH) in message


def test_aliases_and_a_billion_laughs_are_refused(tmp_path):
    laughs = 'a: &a ["lol", "lol", "lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(9))
    path = tmp_path / "laughs.yaml"
    path.write_text(laughs)
    assert _one_error(path)[:3] == (2, 8, "bad-value")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(GOOD + "# " + "x" * MAX_FILE_BYTES + "\n")
    line, col, code, message = _one_error(path)
    assert (line, col, code) == (1, 1, "too-large") and "bytes" in message


def test_too_many_values_are_refused_without_building_them(tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_text("a: [" + ",".join(["x"] * (MAX_NODES + 10)) + "]\n")
    line, col, code, _ = _one_error(path)
    assert code == "too-large" and line == 1 and col > 4


@pytest.mark.parametrize("text", ["", "\n\n  \n", "# only a comment\n", "\ufeff"])
def test_an_empty_file_is_one_error(tmp_path, text):
    assert _one_error(_written(tmp_path, text))[:3] == (1, 1, "empty")


# A top level that is not one mapping, and where its first error is.
NOT_ONE_MAPPING = {"- a\n- b\n": (1, 1, "bad-value"), "just words\n": (1, 1, "bad-value"),
                   "42\n": (1, 1, "bad-value"), "a: 1\n---\nb: 2\n": (2, 1, "yaml-syntax")}


@pytest.mark.parametrize("text", NOT_ONE_MAPPING)
def test_a_top_level_that_is_not_one_mapping_is_an_error(tmp_path, text):
    result = load_file(_written(tmp_path, text))
    assert result.survey is None
    first = result.errors[0]
    assert (first.line, first.col, first.code) == NOT_ONE_MAPPING[text]


def test_duplicate_top_level_keys_are_reported():
    errors = load_text(GOOD + "title: Again\n", "f.yaml", choices={}).errors
    assert [(e.line, e.col, e.code) for e in errors
            if e.code == "duplicate-key"] == [(12, 1, "duplicate-key")]


def test_a_version_with_thousands_of_digits_is_a_bad_value():
    errors = load_text(GOOD.replace("version: 1", "version: " + "9" * 5000), "f.yaml").errors
    assert [(e.line, e.col, e.code) for e in errors][0] == (3, 10, "bad-value")
    assert all(len(str(e)) < 400 for e in errors)  # the value is not echoed whole


@pytest.mark.parametrize("text, expected", [
    # The parser reports these at the end of the file; the mistake is where the quote opens.
    ('schema: 1\nid: "tiny\ntitle: x\nversion: 1\n', (2, 5, "never closed")),
    ("schema: 1\nid: 'tiny\ntitle: x\nversion: 1\n", (2, 5, "never closed")),
    ('pages:\n  - id: one\n    title: "One\n  - id: two\n', (3, 12, "never closed")),
    # A later quote closes it, so the parser stops a line or two on: still the opening quote.
    ('schema: 1\nid: "tiny\ntitle: x\nlabel: "Hello"\n', (2, 5, "closing quote")),
    ("a: [1, 2\n", (1, 4, "never closed")),
    ("a: {x: 1\n", (1, 4, "never closed")),
    # The key without its colon, not the line after it.
    ("a: 1\nb\nc: 2\n", (2, 1, "':'")),
    # Where the parser stopped is the real place here.
    ("a: b\n  c: d\n", (2, 4, "not allowed")),
    ("a:\n\tb: 1\n", (2, 1, "tab")),
])
def test_a_syntax_error_points_at_the_real_place(tmp_path, text, expected):
    line, col, code, message = _one_error(_written(tmp_path, text))
    assert (line, col, code) == (*expected[:2], "yaml-syntax")
    assert expected[2] in message


def test_an_unreadable_path_is_an_error_not_an_exception(tmp_path):
    missing = load_file(tmp_path / "nope.yaml").errors
    assert [(e.line, e.col, e.code) for e in missing] == [(1, 1, "unreadable")]
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert [e.code for e in load_file(folder).errors] == ["unreadable"]


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    for name, data in HOSTILE_BYTES.items():
        (folder / f"zz_{name}.yaml").write_bytes(data)
    (folder / "aa_deep.yaml").write_text("[" * 10_000 + "]" * 10_000)
    (folder / "aa_quote.yaml").write_text('schema: 1\nid: "x\n')
    (folder / "subfolder.yaml").mkdir()
    return folder


def test_one_bad_file_never_stops_the_others_loading(tmp_path):
    folder = _hostile_folder(tmp_path)
    catalogue = load_dir(folder)
    good = load_dir(SURVEY_DEFS)
    assert sorted(catalogue.surveys) == sorted(good.surveys)
    bad_files = {Path(e.path).name for e in catalogue.errors}
    assert bad_files == {f"zz_{name}.yaml" for name in HOSTILE_BYTES} | {
        "aa_deep.yaml", "aa_quote.yaml"}


def test_a_bad_diagnostic_beside_others_does_not_hide_the_rest(tmp_path):
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    (folder / "hwb_diagnostic_2018.yaml").write_bytes(
        (SURVEY_DEFS / "hwb_diagnostic_2018.yaml").read_text().encode("utf-16"))
    catalogue = load_dir(folder)
    assert [e.code for e in catalogue.errors] == ["encoding"]
    assert sorted(catalogue.surveys) == sorted(set(load_dir(SURVEY_DEFS).surveys)
                                               - {"hwb_diagnostic_2018"})


def test_a_bad_shared_choices_file_is_reported_and_named_in_unknown_list_errors(tmp_path):
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "_choices.yaml").write_bytes("agree5: [{value: a, label: é}]\n".encode("latin-1"))
    (folder / "tiny.yaml").write_text(GOOD)
    catalogue = load_dir(folder)
    assert [(Path(e.path).name, e.code) for e in catalogue.errors] == [
        ("_choices.yaml", "encoding"), ("tiny.yaml", "unknown-choices")]
    assert "has errors" in catalogue.errors[1].message


def test_a_file_elsewhere_is_checked_against_the_folder_given(tmp_path):
    outside = tmp_path / "drafts"
    outside.mkdir()
    draft = outside / "tiny.yaml"
    draft.write_text(GOOD)
    # No _choices.yaml beside it: the folder it is checked against supplies the lists.
    assert load_paths([draft], defs=SURVEY_DEFS).errors == []
    assert "tiny" in load_paths([draft], default_defs=SURVEY_DEFS).surveys
    # Its own folder's shared lists win when it has them (a definitions folder of its own).
    (outside / "_choices.yaml").write_text("other: [{value: a, label: A}]\n")
    own = load_paths([draft], default_defs=SURVEY_DEFS).errors
    assert [e.code for e in own] == ["unknown-choices"]
    assert str(outside / "_choices.yaml") in own[0].message
    assert load_paths([draft], defs=SURVEY_DEFS).errors == []


def test_a_folder_argument_loads_every_definition_in_it(tmp_path):
    folder = _hostile_folder(tmp_path)
    catalogue = load_paths([folder])
    assert sorted(catalogue.surveys) == sorted(load_dir(SURVEY_DEFS).surveys)
    assert len({e.path for e in catalogue.errors}) == len(HOSTILE_BYTES) + 2


def test_an_empty_folder_or_a_missing_path_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert [e.code for e in load_paths([empty]).errors] == ["empty"]
    assert [e.code for e in load_paths([tmp_path / "nope.yaml"]).errors] == ["unreadable"]


def test_load_text_never_raises_on_deep_text():
    result = load_text("[" * 10_000, "f.yaml")
    assert [e.code for e in result.errors] == ["too-deep"]


def test_a_checker_bug_on_one_file_is_an_error_for_that_file_only(monkeypatch):
    import app.surveys.loader as loader

    real = loader.build_survey
    expected = sorted(set(load_dir(SURVEY_DEFS).surveys) - {"framework_review"})

    def failing_on_one(ctx, root, *args):
        if ctx.path.endswith("framework_review.yaml"):
            raise RuntimeError("a bug in the checker")
        return real(ctx, root, *args)

    monkeypatch.setattr(loader, "build_survey", failing_on_one)
    catalogue = load_dir(SURVEY_DEFS)
    assert [(Path(e.path).name, e.code) for e in catalogue.errors] == [
        ("framework_review.yaml", "check-failed")]
    assert sorted(catalogue.surveys) == expected

"""Loading: strings stay strings, positions, shared choice lists, folders and selections."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from app.surveys import (
    BAND_CHOICES,
    DEFAULT_RATING_SCALE,
    DefinitionError,
    load_choices,
    load_dir,
    load_file,
    load_paths,
)
from app.surveys.schema import Mark, NodeMark
from tests.support.survey_yaml import HEAD, load, one_item_diagnostic, with_questions


def test_yaml_11_booleans_and_numbers_stay_strings():
    result = load(HEAD.replace("title: A test", "title: yes") + textwrap.indent(textwrap.dedent("""\
        - id: q1
          type: single_choice
          label: on
          hint: 2020-02-28
          choices:
            - {value: yes, label: Yes}
            - {value: no, label: No}
            - {value: on, label: off}
            - {value: 1, label: 1.5}
            - {value: 08, label: true}
            - {value: y, label: ~x}
          optional: true
        """), " " * 6))
    assert result.errors == []
    survey = result.survey
    q = survey.question("q1")
    assert survey.title == "yes" and q.label == "on" and q.hint == "2020-02-28"
    assert [(c.value, c.label) for c in q.choices] == [
        ("yes", "Yes"), ("no", "No"), ("on", "off"), ("1", "1.5"), ("08", "true"), ("y", "~x"),
    ]
    assert q.optional is True


def test_only_true_and_false_are_booleans():
    for word in ("yes", "True", "on", "1"):
        result = load(with_questions(f"- {{id: q1, type: text, optional: {word}}}\n"))
        assert [e.code for e in result.errors] == ["bad-value"], word


def test_marks_of_keys_and_values():
    survey = load(with_questions("- id: q1\n  type: text\n")).survey
    assert survey.mark("pages[0].questions[0].type") == NodeMark(Mark(10, 9), Mark(10, 15))
    assert survey.mark("pages[0].questions[0]") == NodeMark(None, Mark(9, 9))
    assert survey.mark("kind").value == Mark(4, 7)


def test_defaults_and_built_in_lists():
    survey = load(with_questions("""\
        - {id: band, type: band}
        - {id: comments, type: textarea}
        """)).survey
    band = survey.question("band")
    assert band.choices == BAND_CHOICES and band.label == "What is your pay band?"
    assert [c.value for c in BAND_CHOICES][-6:] == [
        "8d", "9", "not_afc_2_4", "not_afc_other", "prefer_not_to_say", "dont_know"]
    assert survey.question("comments").max_length == 5000
    assert survey.question("comments").label == "Comments"
    assert survey.min_group_size == 11 and survey.retention.free_text_days is None


def test_error_str_keeps_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("defs").mkdir()
    Path("defs/s.yaml").write_text(with_questions("- {id: q1, type: txt}\n"))
    result = load_file("defs/s.yaml")
    assert [str(e) for e in result.errors] == [
        "defs/s.yaml:9:24 [unknown-type] 'txt' is not a question type (did you mean 'text'?)"
    ]
    assert str(DefinitionError("a.yaml", 1, 2, "empty", "m")) == "a.yaml:1:2 [empty] m"


CHOICES = """\
agree5:
  - {value: agree, label: Agree}
  - {value: disagree, label: Disagree}
yes_no:
  - {value: yes, label: Yes}
  - {value: no, label: No}
"""

DIAGNOSTIC = one_item_diagnostic(
    "{id: env_rest, prompt: Staff have somewhere to rest., evidence_prompts: [Audit]}",
    extra="fields: [offer, gaps]\n")

STAFF_VOICE = """\
schema: 1
id: voice
version: 1
kind: staff_voice
title: Voice
audience: {bands: [2, 3]}
pages:
  - id: p
    questions:
      - {id: band, type: band}
      - {id: rest, type: likert, choices: agree5, evidence_for: [environment]}
"""


def write_dir(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text)
    return tmp_path


def test_load_dir_uses_shared_choices_and_diagnostic_elements(tmp_path):
    folder = write_dir(tmp_path, _choices=CHOICES, a_voice=STAFF_VOICE, z_diag=DIAGNOSTIC)
    catalogue = load_dir(folder)
    assert catalogue.errors == []
    assert sorted(catalogue.surveys) == ["diag", "voice"]
    voice, diag = catalogue.surveys["voice"], catalogue.surveys["diag"]
    assert voice.audience_bands == ("2", "3")
    assert voice.question("rest").values() == ("agree", "disagree")
    assert [f.id for f in diag.fields] == ["offer", "gaps"]
    assert diag.rating_scale == DEFAULT_RATING_SCALE
    assert diag.element("environment").items()[0].evidence_prompts == ("Audit",)
    assert [i.id for i in diag.items()] == ["env_rest"]


def test_load_dir_reports_unknown_elements_and_duplicate_ids(tmp_path):
    voice = STAFF_VOICE.replace("[environment]", "[enviroment]")
    folder = write_dir(
        tmp_path, _choices=CHOICES, a=voice, b=STAFF_VOICE, c=STAFF_VOICE, diag=DIAGNOSTIC
    )
    catalogue = load_dir(folder)
    assert [(Path(e.path).name, e.line, e.col, e.code) for e in catalogue.errors] == [
        ("a.yaml", 11, 66, "unknown-element"), ("c.yaml", 2, 5, "duplicate-id"),
    ]
    assert sorted(catalogue.surveys) == ["diag", "voice"]
    assert catalogue.surveys["voice"].source_path == str(folder / "b.yaml")


def test_broken_diagnostic_still_lends_its_element_ids(tmp_path):
    folder = write_dir(tmp_path, _choices=CHOICES, voice=STAFF_VOICE,
                       diag=DIAGNOSTIC.replace("title: Spaces", "title: Spaces\n        oops: 1"))
    catalogue = load_dir(folder)
    assert [e.code for e in catalogue.errors] == ["unknown-key"]
    assert list(catalogue.surveys) == ["voice"]


def test_load_paths_checks_a_selection_against_its_folder(tmp_path):
    folder = write_dir(tmp_path, _choices=CHOICES, voice=STAFF_VOICE,
                       diag=DIAGNOSTIC.replace("title: Spaces", "title: Spaces\n        oops: 1"))
    catalogue = load_paths([folder / "voice.yaml"])
    assert catalogue.errors == [] and list(catalogue.surveys) == ["voice"]
    assert "agree5" in catalogue.choices


def test_load_choices_errors(tmp_path):
    path = tmp_path / "_choices.yaml"
    path.write_text("Bad-Name:\n  - {value: a, label: A}\nok:\n  - {value: A b, label: x}\n")
    result = load_choices(path)
    assert [(e.line, e.col, e.code) for e in result.errors] == [
        (1, 1, "bad-id"), (4, 13, "bad-value"),
    ]
    assert result.lists == {}


def test_consultation_keys():
    text = HEAD.replace("title: A test\n", textwrap.dedent("""\
        title: A test
        schedule: {opens: 2020-02-28, closes: 2020-03-23}
        respondent_types: yes_no
        publishing: {consent: optional}
        contact: {name: Team, email: team@example.org, phone: "0300 000 0000"}
        summary: {we_asked: Q, you_said: A}
        retention: {free_text_days: 365}
        """)) + "      - {id: q, type: text}\n"
    survey = load(text).survey
    assert survey.schedule.opens == date(2020, 2, 28)
    assert [c.value for c in survey.respondent_types] == ["yes", "no"]
    assert survey.publishing.consent == "optional" and survey.contact.email == "team@example.org"
    assert survey.summary.we_did is None and survey.retention.free_text_days == 365


def test_matrix_and_number_questions():
    survey = load(with_questions("""\
        - id: grid
          type: matrix
          choices: yes_no
          rows: [{id: food, label: Food}, {id: water, label: Water}]
        - {id: hours, type: number, min: 0, max: 24.5, decimals: true}
        - {id: extra, type: text, show_if: {question: grid.water, in: ["no"]}}
        """)).survey
    assert survey.question("grid").answer_keys() == ("grid.food", "grid.water")
    assert (survey.question("hours").min, survey.question("hours").max) == (0, 24.5)
    assert survey.question("hours").options == {"decimals": True}
    assert survey.question("extra").show_if.question == "grid.water"

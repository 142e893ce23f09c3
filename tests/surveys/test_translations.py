"""Translations inside a definition (app/surveys/translations.py): a declared language must
translate every text a respondent sees, each missing one a path:line:col error naming it; a text
the survey has not got is an error too; translate() changes only the words, never the values."""

from __future__ import annotations

import re

from app.definitions import get_survey
from app.surveys.translations import texts_of, translate
from tests.support.paths import SURVEY_DEFS

SURVEY = """\
schema: 1
id: tiny_voice
version: 1
kind: staff_voice
title: A tiny survey
pages:
  - id: one
    title: Page one
    questions:
      - id: break_space
        type: likert
        label: I can take a break.
        choices: agree5
translations:
  cy:
    status: draft
    title: Arolwg bach
    pages:
      one: {title: Tudalen un}
    questions:
      break_space: {label: Gallaf gymryd seibiant.}
"""
AGREE = {"strongly_agree": "Cytuno'n gryf", "agree": "Cytuno",
         "neither": "Ddim yn cytuno nac yn anghytuno", "disagree": "Anghytuno",
         "strongly_disagree": "Anghytuno'n gryf"}
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+) \[(?P<code>[a-z-]+)\] (?P<text>.+)$")


def _check(runner, tmp_path, text: str):
    draft = tmp_path / "tiny.yaml"
    draft.write_text(text)
    result = runner.invoke(args=["surveys", "check", "--defs", str(SURVEY_DEFS), str(draft)])
    assert "Traceback" not in result.output
    return result, [LINE.match(line).groupdict() for line in result.output.splitlines()
                    if LINE.match(line)]


def _complete() -> str:
    choices = "".join(f"      {v}: \"{w}\"\n" for v, w in AGREE.items())
    return SURVEY + "    choices:\n" + choices


def test_a_missing_translation_is_an_error_at_the_language_naming_each_text(runner, tmp_path):
    result, errors = _check(runner, tmp_path, SURVEY)
    assert result.exit_code == 1
    missing = [e for e in errors if e["code"] == "translation-missing"]
    assert {e["line"] for e in missing} == {"15"}  # the line of "cy:"
    named = {re.search(r"no translation of (\S+)", e["text"]).group(1) for e in missing}
    assert named == {f"questions.break_space.choices.{v}" for v in AGREE}


def test_a_complete_translation_passes_and_one_list_of_choices_serves_every_question(
        runner, tmp_path):
    result, errors = _check(runner, tmp_path, _complete())
    assert result.exit_code == 0, result.output
    assert errors == []
    assert result.output.rstrip().endswith("1 questions; in cy: draft)")  # its status shown


def test_a_text_the_survey_has_not_got_and_a_bad_status_are_errors(runner, tmp_path):
    text = _complete().replace("status: draft", "status: done").replace(
        "      one: {title: Tudalen un}", "      one: {title: Tudalen un}\n      two: {title: Dau}")
    result, errors = _check(runner, tmp_path, text)
    assert result.exit_code == 1
    codes = {(e["code"], e["line"]) for e in errors}
    assert ("bad-value", "16") in codes  # status: done
    assert ("unknown-key", "20") in codes  # pages.two
    assert any("'pages.two.title'" in e["text"] for e in errors)


def test_translate_changes_the_words_and_keeps_every_value(app):
    survey = get_survey("staff_voice_bands_2_4", kind="staff_voice")
    welsh = translate(survey, "cy")
    assert welsh.title == "Eich iechyd a'ch llesiant yn y gwaith"
    assert welsh.question("band").label == "Beth yw eich band cyflog?"
    assert welsh.question("break_space").choices[0].label == "Cytuno'n gryf"
    for q in survey.questions():
        assert [c.value for c in welsh.question(q.id).choices] == [c.value for c in q.choices]
        assert welsh.question(q.id).show_if == q.show_if
    assert welsh.content_hash == survey.content_hash  # responses join the same snapshot
    assert set(texts_of(welsh)) == set(texts_of(survey))
    assert translate(survey, "de") is survey  # a language it has not got: as written

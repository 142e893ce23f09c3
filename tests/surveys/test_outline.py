"""The reviewers' outline (app/surveys/outline.py) of a consultation and of a diagnostic."""

from __future__ import annotations

from app.surveys import outline
from tests.support.survey_yaml import load, one_item_diagnostic, with_questions


def test_outline_of_a_consultation():
    survey = load(with_questions("""\
        - {id: used, type: single_choice, label: "Used it?", choices: yes_no}
        - id: how
          type: textarea
          label: What was most useful about it?
          max_length: 2000
          optional: true
          evidence_for: [environment]
          show_if: {any: [{question: used, in: ["yes"]}, {not: {question: used, in: ["no"]}}]}
        """)).survey
    text = outline(survey)
    assert "test_survey version 1 (consultation): A test" in text
    assert "1. used (single_choice, required): Used it?" in text
    assert "yes = Yes" in text
    assert "2. how (textarea, optional, max 2000 characters): What was most useful" in text
    assert "shown if: used is yes or not (used is no)" in text
    assert "evidence for: environment" in text


def test_outline_of_a_diagnostic():
    survey = load(one_item_diagnostic(
        "{id: rest, prompt: Rest areas exist., guidance: Good looks like this.}")).survey
    text = outline(survey)
    assert "1 = Not in place [red]" in text and "na = Not applicable" in text
    assert "Element environment: Environment" in text
    assert "    - rest: Rest areas exist." in text
    assert "guidance: Good looks like this." in text

"""The reviewers' outline and the default error messages."""

from __future__ import annotations

from app.surveys import error_message, outline
from tests.support.survey_yaml import load, with_questions


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
    survey = load("""\
        schema: 1
        id: d
        version: 2021
        kind: diagnostic
        title: D
        elements:
          - id: environment
            title: Environment
            sub_areas:
              - id: spaces
                title: Spaces
                items:
                  - {id: rest, prompt: Rest areas exist., guidance: Good looks like this.}
        """).survey
    text = outline(survey)
    assert "1 = Not in place [red]" in text and "na = Not applicable" in text
    assert "Element environment: Environment" in text
    assert "    - rest: Rest areas exist." in text
    assert "guidance: Good looks like this." in text


def test_default_and_overridden_error_messages():
    survey = load(with_questions("""\
        - {id: who, type: single_choice, label: "Which best describes you?", choices: yes_no}
        - {id: useful, type: textarea, label: "What was most useful about it?", max_length: 10}
        - {id: agree, type: likert, label: I like it., choices: agree5}
        - id: n
          type: number
          min: 1
          errors: {required: Enter how many}
        """)).survey
    assert error_message(survey.question("who"), "required") == "Select which best describes you"
    useful = survey.question("useful")
    assert error_message(useful, "required") == "Enter what was most useful about it"
    assert error_message(useful, "too_long") == "Answer must be 10 characters or fewer"
    assert error_message(survey.question("agree"), "required") == "Select an answer"
    assert error_message(survey.question("n"), "required") == "Enter how many"
    assert error_message(survey.question("n"), "too_small") == "Number must be 1 or more"


def test_unknown_error_key_is_reported():
    result = load(with_questions("- {id: q, type: text, errors: {requird: Enter it}}\n"))
    assert [e.code for e in result.errors] == ["unknown-key"]
    assert "(did you mean 'required'?)" in str(result.errors[0])

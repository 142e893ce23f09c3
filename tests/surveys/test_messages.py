"""Validation messages (app/surveys/messages.py): the defaults, a definition's own wording, and
an unknown message key reported."""

from __future__ import annotations

from app.surveys import error_message
from tests.support.survey_yaml import load, with_questions


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

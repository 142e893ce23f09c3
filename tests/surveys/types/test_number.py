"""The number question: whole numbers unless the definition says `decimals: true`, and its
messages say what it accepts."""

from __future__ import annotations

import pytest

from app.forms.survey import page_answers, page_form_class
from app.surveys import canonical_json, error_message, outline, survey_from_data, to_data
from tests.support.survey_yaml import errors, load, messages, with_questions

WHOLE = "Enter a whole number, like 12"
DECIMAL = "Enter a whole number or a decimal, like 12 or 2.5"


def _survey(question: str):
    result = load(with_questions(question))
    assert not result.errors, result.errors
    return result.survey


def _post(app, survey, value):
    page = survey.pages[0]
    with app.test_request_context(method="POST", data={"n": value}):
        form = page_form_class(page)()
        form.validate_page(page.questions)
        return page_answers(form, page, valid_only=True).get("n"), form.n.errors


def test_a_number_takes_whole_numbers_unless_decimals_are_allowed():
    whole = _survey("- {id: n, type: number}\n").question("n")
    decimal = _survey("- {id: n, type: number, decimals: true}\n").question("n")
    assert error_message(whole, "invalid") == WHOLE
    assert error_message(decimal, "invalid") == DECIMAL
    assert whole.options == {} and decimal.options == {"decimals": True}


@pytest.mark.parametrize(("value", "stored"), [
    ("12", "12"), (" 007 ", "7"), ("-3", "-3"), ("0", "0"),
])
def test_a_whole_number_question_stores_whole_numbers(app, value, stored):
    assert _post(app, _survey("- {id: n, type: number}\n"), value) == (stored, [])


@pytest.mark.parametrize("value", ["2.5", "12.", "abc", "1e5", "NaN", "1,000", "9" * 16])
def test_a_whole_number_question_refuses_anything_else_with_its_own_message(app, value):
    assert _post(app, _survey("- {id: n, type: number}\n"), value) == (None, [WHOLE])


@pytest.mark.parametrize(("value", "stored"), [
    ("2.5", "2.5"), ("12", "12"), ("-0.25", "-0.25"), (".5", "0.5"), ("3.50", "3.50"),
])
def test_a_decimal_question_stores_the_number_typed(app, value, stored):
    survey = _survey("- {id: n, type: number, decimals: true}\n")
    assert _post(app, survey, value) == (stored, [])


@pytest.mark.parametrize("value", ["abc", "1e5", "NaN", "Infinity", "2.5.1", "9" * 16 + ".5"])
def test_a_decimal_question_refuses_what_is_not_a_number(app, value):
    survey = _survey("- {id: n, type: number, decimals: true}\n")
    assert _post(app, survey, value) == (None, [DECIMAL])


def test_decimal_limits_are_checked_as_numbers(app):
    survey = _survey("- {id: n, type: number, decimals: true, min: 0.5, max: 2.25}\n")
    assert _post(app, survey, "0.25") == (None, ["Number must be 0.5 or more"])
    assert _post(app, survey, "2.5") == (None, ["Number must be 2.25 or less"])
    assert _post(app, survey, "2.25") == ("2.25", [])


def test_the_definition_check_knows_decimals():
    assert errors(with_questions("- {id: n, type: number, decimals: maybe}\n")) == [
        (9, 41, "bad-value")]
    assert "'decimals' is not used by a text question (only by number)" in messages(
        with_questions("- {id: n, type: text, decimals: true}\n"))[0]
    # A whole-number question cannot have a fractional limit: it could never be met exactly.
    text = with_questions("- {id: n, type: number, min: 0.5}\n")
    assert errors(text) == [(9, 36, "bad-value")]
    assert "min must be a whole number unless the question has decimals: true" in messages(
        text)[0]


def test_the_outline_says_which_numbers_are_taken():
    survey = _survey("""\
        - {id: n, type: number, min: 1}
        - {id: d, type: number, decimals: true}
        """)
    text = outline(survey)
    assert "n (number, required, from 1 to -, whole numbers)" in text
    assert "d (number, required, decimals allowed)" in text


def test_a_definition_without_decimals_keeps_its_content_hash_and_snapshot():
    survey = _survey("- {id: n, type: number}\n")
    assert '"options"' not in canonical_json(survey)
    decimal = _survey("- {id: n, type: number, decimals: true}\n")
    again = survey_from_data(to_data(decimal))
    assert again.question("n").options == {"decimals": True}
    assert again.content_hash == decimal.content_hash

"""Adding a question type is adding one module: the toy `stars` type (tests/surveys/types/
stars.py) works through the definition check, the form, what is shown back, the export, the
counts and the snapshot, with no other change."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.analysis.staff_voice import ANSWERED, count_pairs
from app.exports import responses as export
from app.forms.survey import page_answers, page_form_class
from app.retention import free_text_keys
from app.surveys import QUESTION_TYPES, answer_lines, outline, survey_from_data, to_data
from app.surveys.types import Counting, register, unregister
from tests.support.survey_yaml import errors, load, messages, with_questions
from tests.surveys.types.stars import Stars

RATED = "- {id: rate, type: stars, label: \"How was it?\", stars: 4}\n"


@pytest.fixture
def stars():
    register(Stars)  # what @register does when a module in app/surveys/types/ is imported
    yield QUESTION_TYPES["stars"]
    unregister("stars")


def _survey(question: str = RATED):
    result = load(with_questions(question))
    assert not result.errors, result.errors
    return result.survey


def test_an_unregistered_type_and_its_key_are_unknown_to_the_check():
    assert [code for *_, code in errors(with_questions(RATED))] == [
        "unknown-type", "unknown-key"]


def test_the_check_applies_the_types_own_rules(stars):
    question = _survey().question("rate")
    assert question.kind is stars and [c.label for c in question.choices][-1] == "★★★★"
    assert _survey("- {id: rate, type: stars}\n").question("rate").options == {"stars": 5}
    assert "[bad-value] stars must be at most 10" in messages(
        with_questions("- {id: rate, type: stars, stars: 11}\n"))[0]
    assert "'choices' is not used by a stars question" in messages(
        with_questions("- {id: rate, type: stars, choices: yes_no}\n"))[0]
    assert "'stars' is not used by a text question (only by stars)" in messages(
        with_questions("- {id: rate, type: text, stars: 3}\n"))[0]
    assert "rate (stars, required): How was it?" in outline(_survey())


def test_the_form_asks_it_with_its_field_and_messages(app, stars):
    page = _survey().pages[0]
    with app.test_request_context(method="POST", data={"rate": "3"}):
        form = page_form_class(page)()
        assert form.validate_page(page.questions)
        assert page_answers(form, page) == {"rate": "3"}
        assert "nhsuk-radios" in str(form.rate) and "★★★★" in str(form.rate)
    with app.test_request_context(method="POST", data={}):
        form = page_form_class(page)()
        assert not form.validate_page(page.questions)
        assert form.rate.errors == ["Select how was it"]
    with app.test_request_context(method="POST", data={"rate": "5"}):
        form = page_form_class(page)()
        assert not form.validate_page(page.questions)
        assert form.rate.errors == ["Select an answer from the list for 'How was it?'"]


def test_it_is_shown_exported_and_counted_as_the_type_says(app, stars):
    survey = _survey()
    question = survey.question("rate")
    assert answer_lines(question, {"rate": "3"}) == ["3 of 4 stars"]
    assert export.header(survey)[len(export.RECORD):] == ["rate", "rate (label)"]
    row = export._row_builder(survey)((1, "R1", datetime(2026, 1, 2), None, None, None),
                                      {"rate": "3"})
    assert row[len(export.RECORD):] == ["3", "3 of 4 stars"]
    assert count_pairs(survey, {"rate": "3"}) == [("rate", ANSWERED), ("rate", "3")]
    assert stars.counting is Counting.CHOICES and not stars.is_free_text
    assert free_text_keys(survey) == ()


def test_a_snapshot_keeps_the_types_own_settings(stars):
    survey = _survey()
    again = survey_from_data(to_data(survey))
    assert again == survey and again.content_hash == survey.content_hash
    assert answer_lines(again.question("rate"), {"rate": "2"}) == ["2 of 4 stars"]


def test_a_type_name_is_registered_once(stars):
    with pytest.raises(ValueError, match="stars"):
        register(Stars)

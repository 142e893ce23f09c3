"""A date question's `invalid` message is the one shown when what was typed is not a date."""

from __future__ import annotations

import pytest

from app.forms.survey import page_answers, page_form_class
from tests.support.survey_yaml import load, with_questions


def _errors(app, question: str, day: str, month: str, year: str):
    survey = load(with_questions(question)).survey
    page = survey.pages[0]
    data = {"d-day": day, "d-month": month, "d-year": year}
    with app.test_request_context(method="POST", data=data):
        form = page_form_class(page)()
        form.validate_page(page.questions)
        return page_answers(form, page), form.d.errors


@pytest.mark.parametrize(("day", "month", "year"), [("31", "2", "2020"), ("1", "1", "20"),
                                                    ("x", "1", "2020"), ("1", "", "2020")])
@pytest.mark.parametrize("optional", ["false", "true"])
def test_a_date_that_is_not_real_gets_the_date_questions_invalid_message(
        app, day, month, year, optional):
    default = f"- {{id: d, type: date, optional: {optional}}}\n"
    assert _errors(app, default, day, month, year) == (
        {}, ["Date must be a real date, like 28 2 2020"])
    own = (f"- {{id: d, type: date, optional: {optional}, "
           "errors: {invalid: Visit date must be a real date}}\n")
    assert _errors(app, own, day, month, year) == ({}, ["Visit date must be a real date"])


def test_a_real_date_is_stored_and_an_empty_one_is_required(app):
    assert _errors(app, "- {id: d, type: date}\n", "3", "2", "2026") == ({"d": "2026-02-03"}, [])
    assert _errors(app, "- {id: d, type: date}\n", "", "", "") == ({}, ["Enter a date"])

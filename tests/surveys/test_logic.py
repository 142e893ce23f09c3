"""What a respondent sees (app/surveys/logic.py): show_if evaluation, hidden answers and page
routing."""

from __future__ import annotations

import pytest

from app.surveys import ShowIf, logic
from tests.support.survey_yaml import load

SURVEY = """\
schema: 1
id: routing
version: 1
kind: consultation
title: Routing
pages:
  - id: start
    questions:
      - {id: used, type: single_choice, choices: yes_no}
      - {id: uses, type: multiple_choice, choices: agree5, optional: true}
  - id: details
    questions:
      - {id: how, type: text, show_if: {question: used, in: ["yes"]}}
      - id: why_not
        type: textarea
        show_if: {not: {question: used, in: ["yes"]}}
  - id: deeper
    questions:
      - id: depth
        type: single_choice
        choices: yes_no
        show_if: {all: [{question: used, in: ["yes"]}, {question: uses, in: [agree, neither]}]}
      - id: deepest
        type: text
        show_if: {question: depth, in: ["yes"]}
  - id: end
    questions:
      - {id: anything_else, type: textarea, optional: true}
"""


@pytest.fixture(scope="module")
def survey():
    result = load(SURVEY)
    assert result.errors == []
    return result.survey


def c_in(question, *values):
    return ShowIf("in", question=question, values=values)


def test_in_all_any_not():
    answers = {"a": "x", "b": ["p", "q"]}
    assert logic.evaluate(c_in("a", "x", "y"), answers)
    assert not logic.evaluate(c_in("a", "y"), answers)
    assert logic.evaluate(c_in("b", "q"), answers)  # any selected value counts
    assert not logic.evaluate(c_in("missing", "x"), answers)
    assert logic.evaluate(ShowIf("all", terms=(c_in("a", "x"), c_in("b", "p"))), answers)
    assert not logic.evaluate(ShowIf("all", terms=(c_in("a", "x"), c_in("b", "z"))), answers)
    assert logic.evaluate(ShowIf("any", terms=(c_in("a", "z"), c_in("b", "p"))), answers)
    assert not logic.evaluate(ShowIf("any", terms=(c_in("a", "z"), c_in("b", "z"))), answers)
    assert logic.evaluate(ShowIf("not", terms=(c_in("a", "z"),)), answers)
    assert logic.evaluate(ShowIf("not", terms=(c_in("missing", "x"),)), {})


def test_is_visible_and_visible_questions(survey):
    details = survey.page("details")
    assert logic.is_visible(survey.question("used"), {})
    assert [q.id for q in logic.visible_questions(details, {"used": "yes"})] == ["how"]
    assert [q.id for q in logic.visible_questions(details, {"used": "no"})] == ["why_not"]
    assert [q.id for q in logic.visible_questions(details, {})] == ["why_not"]


def test_drop_hidden_reaches_a_fixed_point(survey):
    answers = {"used": "no", "uses": ["agree"], "how": "x", "depth": "yes", "deepest": "d",
               "why_not": "w", "unrelated": "kept"}
    # Hiding `depth` (used is no) must also hide `deepest`, whose condition reads `depth`.
    assert logic.drop_hidden(survey, answers) == {"used": "no", "uses": ["agree"], "why_not": "w",
                                            "unrelated": "kept"}
    full = {"used": "yes", "uses": ["neither"], "how": "x", "depth": "yes", "deepest": "d"}
    assert logic.drop_hidden(survey, full) == full


def test_drop_hidden_follows_order_through_not():
    survey = load("""\
        schema: 1
        id: chain
        version: 1
        kind: consultation
        title: Chain
        pages:
          - id: p
            questions:
              - {id: a, type: single_choice, choices: yes_no}
              - {id: b, type: single_choice, choices: yes_no, show_if: {question: a, in: ["yes"]}}
              - {id: c, type: text, show_if: {not: {question: b, in: ["yes"]}}}
        """).survey
    # b is hidden, so its answer does not count: c is shown and keeps its answer.
    answers = {"a": "no", "b": "yes", "c": "kept"}
    assert logic.drop_hidden(survey, answers) == {"a": "no", "c": "kept"}


def test_page_routing_skips_pages_with_nothing_to_show(survey):
    yes = {"used": "yes", "uses": ["disagree"]}
    assert [p.id for p in logic.visible_pages(survey, yes)] == ["start", "details", "end"]
    assert logic.next_page_id(survey, "details", yes) == "end"
    assert logic.previous_page_id(survey, "end", yes) == "details"
    deep = {"used": "yes", "uses": ["agree"]}
    assert logic.next_page_id(survey, "details", deep) == "deeper"
    assert logic.next_page_id(survey, "end", deep) is None
    assert logic.previous_page_id(survey, "start", deep) is None
    assert logic.first_page_id(survey) == "start"


def test_stale_answers_do_not_open_pages(survey):
    # `uses` says agree but `used` is no: `depth` stays hidden, so page `deeper` is skipped.
    stale = {"used": "no", "uses": ["agree"], "depth": "yes"}
    assert logic.next_page_id(survey, "details", stale) == "end"


def test_unknown_page_raises(survey):
    with pytest.raises(ValueError):
        logic.next_page_id(survey, "nowhere", {})

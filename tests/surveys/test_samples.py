"""Made-up answers (app/surveys/samples.py) are answers the survey's own fields accept, from
every type, so demo and benchmark data is data people could have sent."""

from __future__ import annotations

import random

import pytest

from app.surveys import drop_hidden
from app.surveys.samples import AnswerMaker, Sampler
from app.surveys.schema import QUESTION_TYPES
from app.surveys.types import BUILT_IN
from tests.support.survey_yaml import RATED, load, with_questions

ALL_TYPES = with_questions("""\
    - {id: pick, type: single_choice, label: "Which one?",
       choices: [{value: a, label: Apple}, {value: b, label: Banana}]}
    - {id: many, type: multiple_choice, label: "Which ones?", optional: true,
       choices: [{value: x, label: Ex}, {value: "y", label: Why}, {value: z, label: Zed}]}
    - {id: drop, type: select, label: Your region,
       choices: [{value: north, label: North}, {value: south, label: South}]}
    - {id: scale, type: likert, label: I like it., choices: agree5}
    - {id: name, type: text, label: "What is your name?", max_length: 12}
    - {id: story, type: textarea, label: "What happened?", optional: true}
    - {id: mail, type: email}
    - {id: count, type: number, label: "How many?", min: 3, max: 5}
    - {id: share, type: number, label: "What share?", decimals: true, min: 0.5, max: 0.7}
    - {id: visit, type: date, label: "When did you visit?"}
    - {id: band, type: band}
    - id: grid
      type: matrix
      label: Rate these
      choices: yes_no
      rows: [{id: food, label: Food}, {id: rest, label: Rest}]
    - {id: more, type: textarea, label: "Why?", show_if: {question: pick, in: [b]}}
""")


def _survey(text: str = ALL_TYPES):
    result = load(text)
    assert not result.errors, result.errors
    return result.survey


def _refusals(survey, answers: dict) -> list[str]:
    """What the survey's own fields say about the answers: nothing when people could send them."""
    visible = drop_hidden(survey, answers)
    found = []
    for question in survey.questions():
        for spec in question.kind.fields(question):
            value = answers.get(spec.key)
            if value is None:
                if spec.required and spec.key in _keys_shown(survey, visible):
                    found.append(f"{spec.key}: {spec.required}")
                continue
            for one in value if isinstance(value, list) else [value]:
                if spec.choices and str(one) not in {v for v, _label in spec.choices}:
                    found.append(f"{spec.key}: {one!r} is not a choice")
                    continue
                try:
                    read = spec.parse(str(one)) if spec.parse else str(one)
                except ValueError as error:
                    found.append(f"{spec.key}: {error}")
                    continue
                found += [f"{spec.key}: {m}" for c in spec.checks if (m := c(read))]
    return found


def _keys_shown(survey, answers: dict) -> set[str]:
    probe = {q.id: "?" for q in survey.questions()}
    return set(drop_hidden(survey, {**probe, **answers}))


@pytest.mark.parametrize("seed", range(40))
def test_made_up_answers_are_accepted_by_the_fields_they_fill(seed):
    survey = _survey()
    answers = AnswerMaker(survey, random.Random(seed)).answers()
    assert _refusals(survey, answers) == []
    assert answers == drop_hidden(survey, answers)  # nothing for a hidden question


def test_every_type_answers_and_optional_questions_are_sometimes_blank():
    survey = _survey()
    maker = AnswerMaker(survey, random.Random(1))
    seen: set[str] = set()
    blank_optional = 0
    for _ in range(200):
        answers = maker.answers({"band": "3"})
        seen |= {key.split(".")[0] for key in answers}
        blank_optional += "story" not in answers
        assert answers["band"] == "3"  # a planned answer is used as given
    assert seen == {q.id for q in survey.questions()}
    assert 80 < blank_optional < 160  # a free-text box is answered by about 4 in 10


def test_the_checker_refuses_what_a_field_would_refuse():
    survey = _survey()
    good = AnswerMaker(survey, random.Random(2)).answers()
    for key, bad in {"count": 9, "share": "0.4", "pick": "c", "mail": "not an address",
                     "name": "x" * 13, "visit": "2026-02-30"}.items():
        assert _refusals(survey, {**good, key: bad}), key


@pytest.mark.parametrize("text", [ALL_TYPES, RATED], ids=["consultation", "diagnostic"])
@pytest.mark.parametrize("seed", range(3))
def test_questions_of_every_built_in_type_are_answered(text, seed):
    """A type that made up nothing would leave its questions out of demo and benchmark data;
    only an organisation (its choices are in the database) is left to the data set."""
    survey = _survey(text)
    for question in survey.questions():
        made = question.kind.sample(question, Sampler(random.Random(seed)))
        assert set(made) == set(question.kind.answer_keys(question)), question.type


def test_the_surveys_here_ask_every_built_in_type():
    asked = {q.type for text in (ALL_TYPES, RATED) for q in _survey(text).questions()}
    by_database = {n for n in BUILT_IN if QUESTION_TYPES[n].needs_organisations}
    assert asked == set(BUILT_IN) - by_database

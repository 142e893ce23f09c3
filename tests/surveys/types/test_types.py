"""Every built-in question type through each place that handles it: the form (field, answers,
messages), what is shown back, the export's cells, the staff-voice counts and retention."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime

import pytest

from app.analysis.staff_voice import ANSWERED, count_pairs
from app.exports import responses as export
from app.forms.survey import initial_data, page_answers, page_form_class
from app.i18n import word
from app.retention import free_text_keys
from app.surveys import answer_lines, load_text
from tests.support.survey_yaml import RATED

NOT_LISTED = "My organisation is not listed"
WELSH_NOT_LISTED = "Nid yw fy sefydliad ar y rhestr"

EVERY_TYPE = """\
schema: 1
id: every_type
version: 1
kind: consultation
title: Every type
pages:
  - id: one
    questions:
      - {id: pick, type: single_choice, label: "Which one?",
         choices: [{value: a, label: Apple}, {value: b, label: Banana}]}
      - {id: many, type: multiple_choice, label: "Which ones?",
         choices: [{value: x, label: Ex}, {value: "y", label: Why}, {value: z, label: Zed}]}
      - {id: drop, type: select, label: Your region,
         choices: [{value: north, label: North}, {value: south, label: South}]}
      - {id: scale, type: likert, label: I like it.,
         choices: [{value: agree, label: Agree}, {value: disagree, label: Disagree}]}
      - {id: name, type: text, label: "What is your name?"}
      - {id: story, type: textarea, label: "What happened?", max_length: 20}
      - {id: mail, type: email}
      - {id: count, type: number, label: "How many?", min: 1, max: 10}
      - {id: visit, type: date, label: "When did you visit?"}
      - {id: band, type: band}
      - {id: org, type: organisation}
      - id: grid
        type: matrix
        label: Rate these
        choices: [{value: "1", label: One}, {value: "2", label: Two}]
        rows: [{id: food, label: Food}, {id: rest, label: Rest}]
"""
# (code, name, system code): what the runner gives the page (app/runner/organisations.py).
ORGANISATIONS = [("RA1", "Trust A", "QZ9"), ("RB2", "Practice B", "QZ9")]
NAMES = {code: name for code, name, _system in ORGANISATIONS}
GOOD_POST = {
    "pick": "b", "many": ["x", "z"], "drop": "south", "scale": "agree", "name": "  Sam  ",
    "story": "It rained.", "mail": "sam@example.com", "count": "7",
    "visit-day": "3", "visit-month": "2", "visit-year": "2026", "band": "8a", "org": "RB2",
    "grid-food": "1", "grid-rest": "2",
}
GOOD_ANSWERS = {
    "pick": "b", "many": ["x", "z"], "drop": "south", "scale": "agree", "name": "Sam",
    "story": "It rained.", "mail": "sam@example.com", "count": "7", "visit": "2026-02-03",
    "band": "8a", "org": "RB2", "grid.food": "1", "grid.rest": "2",
}


def survey(text: str = EVERY_TYPE):
    result = load_text(textwrap.dedent(text), "defs/every_type.yaml")
    assert not result.errors, result.errors
    return result.survey


def _post(app, data: dict):
    s = survey()
    page = s.pages[0]
    with app.test_request_context(method="POST", data=data):
        form = page_form_class(page, ORGANISATIONS)()
        ok = form.validate_page(page.questions)
        html = {name: str(field) for name, field in form._fields.items()}
        return ok, page_answers(form, page), {k: v for k, v in form.errors.items() if v}, html


def test_a_good_post_gives_every_answer_as_stored_text(app):
    ok, answers, errors, _ = _post(app, GOOD_POST)
    assert errors == {} and ok
    assert answers == GOOD_ANSWERS


def test_each_type_renders_its_nhsuk_component(app):
    _, _, _, html = _post(app, GOOD_POST)
    expected = {
        "pick": "nhsuk-radios", "many": "nhsuk-checkboxes", "drop": "nhsuk-select",
        "scale": "nhsuk-radios", "name": "nhsuk-input", "story": "nhsuk-character-count",
        "mail": 'type="email"', "count": 'inputmode="numeric"', "visit": "nhsuk-date-input",
        "band": "nhsuk-radios", "org": "nhsuk-select", "grid-food": "nhsuk-radios",
        "grid-rest": "nhsuk-radios",
    }
    for name, marker in expected.items():
        assert marker in html[name], name
    assert "Practice B" in html["org"] and "Band 8a" in html["band"]
    assert 'maxlength="20"' in html["story"] or 'data-maxlength="20"' in html["story"]


def test_an_empty_post_gives_each_types_required_message(app):
    ok, answers, errors, _ = _post(app, {})
    assert not ok and answers == {}
    assert errors == {
        "pick": ["Select which one"], "many": ["Select which ones"],
        "drop": ["Select an answer"], "scale": ["Select an answer"],
        "name": ["Enter what is your name"], "story": ["Enter what happened"],
        "mail": ["Enter an email address"], "count": ["Enter how many"],
        "visit": ["Enter when did you visit"], "band": ["Select what is your pay band"],
        "org": ["Select which organisation do you work for"],
        "grid-food": ["Select an answer for 'Food'"], "grid-rest": ["Select an answer for 'Rest'"],
    }


@pytest.mark.parametrize(("name", "value", "message"), [
    ("pick", "c", "Select an answer from the list for 'Which one?'"),
    ("pick", ["a", "b"], "Select one answer only"),
    ("many", ["x", "q"], "Select an answer from the list for 'Which ones?'"),
    ("name", ["Sam", "Alex"], "Enter one answer only"),
    ("story", "x" * 21, "Answer must be 20 characters or fewer"),
    ("mail", "not an address", "Enter an email address in the correct format, "
                               "like name@example.com"),
    ("count", "0", "Number must be 1 or more"),
    ("count", "11", "Number must be 10 or less"),
    ("count", ["3", "4"], "Enter one answer only"),
    ("org", "ZZ9", "Select an answer from the list for 'Which organisation do you work for?'"),
    ("grid-rest", "9", "Select an answer from the list for 'Rest'"),
])
def test_a_bad_answer_gives_its_types_message_and_keeps_the_others(app, name, value, message):
    ok, answers, errors, _ = _post(app, {**GOOD_POST, name: value})
    assert not ok
    assert errors == {name: [message]}
    key = name.replace("-", ".")
    assert {k: v for k, v in answers.items() if k != key} == {
        k: v for k, v in GOOD_ANSWERS.items() if k != key}


def test_stored_answers_fill_the_page_again(app):
    s = survey()
    page = s.pages[0]
    data = initial_data(page, GOOD_ANSWERS)
    with app.test_request_context():
        form = page_form_class(page, ORGANISATIONS)(data=data)
        assert form.visit.data.isoformat() == "2026-02-03" and form.count.data == 7
        assert 'value="7"' in str(form.count) and 'value="2026"' in str(form.visit)
        assert form["grid-rest"].data == "2" and form.many.data == ["x", "z"]


def test_each_answer_is_shown_in_words():
    s = survey()
    shown = {q.id: answer_lines(q, GOOD_ANSWERS, NAMES) for q in s.questions()}
    assert shown == {
        "pick": ["Banana"], "many": ["Ex", "Zed"], "drop": ["South"], "scale": ["Agree"],
        "name": ["Sam"], "story": ["It rained."], "mail": ["sam@example.com"], "count": ["7"],
        "visit": ["3 February 2026"], "band": ["Band 8a"], "org": ["Practice B"],
        "grid": ["Food: One", "Rest: Two"],
    }
    assert all(answer_lines(q, {}) == [] for q in s.questions())


def test_each_type_exports_a_value_and_a_label_column_per_answer_key(app):  # redactions: db
    s = survey()
    head = export.header(s)
    assert head[len(export.RECORD):] == [
        "pick", "pick (label)", "many", "many (label)", "drop", "drop (label)", "scale",
        "scale (label)", "name", "name (label)", "story", "story (label)", "mail",
        "mail (label)", "count", "count (label)", "visit", "visit (label)", "band",
        "band (label)", "org", "org (label)", "grid.food", "grid.food (label)", "grid.rest",
        "grid.rest (label)"]
    stored = {k: tuple(v) if isinstance(v, list) else v for k, v in GOOD_ANSWERS.items()}
    stored["name"] = "=Sam"
    row = export._row_builder(s)((1, "R1", datetime(2026, 2, 3, 9, 30), None, None, None),
                                 stored)
    assert row[len(export.RECORD):] == [
        "b", "Banana", "x; z", "Ex; Zed", "south", "South", "agree", "Agree", "'=Sam", "'=Sam",
        "It rained.", "It rained.", "sam@example.com", "sam@example.com", "7", "7",
        "2026-02-03", "3 February 2026", "8a", "Band 8a", "RB2", "RB2", "1", "One", "2", "Two"]


def test_choice_answers_are_counted_by_value_and_the_rest_as_answered():
    s = survey()
    pairs = count_pairs(s, {**GOOD_ANSWERS, "pick": "not-a-value"})
    by_key: dict[str, list[str]] = {}
    for key, value in pairs:
        by_key.setdefault(key, []).append(value)
    assert by_key == {
        "pick": [ANSWERED], "many": [ANSWERED, "x", "z"], "drop": [ANSWERED, "south"],
        "scale": [ANSWERED, "agree"], "name": [ANSWERED], "story": [ANSWERED],
        "mail": [ANSWERED], "count": [ANSWERED], "visit": [ANSWERED],
        "band": [ANSWERED, "8a"], "org": [ANSWERED], "grid.food": [ANSWERED, "1"],
        "grid.rest": [ANSWERED, "2"]}


def test_text_and_textarea_answers_are_the_free_text_retention_removes():
    assert free_text_keys(survey()) == ("name", "story")


def test_a_rating_takes_the_diagnostics_scale_everywhere(app):
    rated = survey(RATED)
    question = rated.question("overall")
    page = rated.pages[0]
    with app.test_request_context(method="POST", data={}):
        form = page_form_class(page)()
        assert not form.validate_page(page.questions)
        assert form.overall.errors == ["Select how far along are you"]
        assert "Not yet" in str(form.overall) and "nhsuk-radios" in str(form.overall)
    assert answer_lines(question, {"overall": "1"}) == ["Not yet"]
    assert count_pairs(rated, {"overall": "2"}) == [("overall", ANSWERED), ("overall", "2")]


SCOPED = """\
schema: 1
id: scoped
version: 1
kind: consultation
title: Scoped
pages:
  - id: one
    questions:
      - {id: org, type: organisation, system: QY1}
      - {id: other, type: text, label: "What is the name of your organisation?", optional: true,
         show_if: {question: org, in: [not-listed]}}
"""
TWO_SYSTEMS = [("RA1", "Trust A", "QZ9"), ("RC3", "Clinic C", "QY1"), ("RD4", "Hospice D", "QY1")]


def _options(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)


def test_an_organisation_question_offers_every_organisation_then_not_listed_last(app):
    _, _, _, html = _post(app, GOOD_POST)
    assert _options(html["org"]) == [("", "Choose one"), ("RA1", "Trust A"),
                                     ("RB2", "Practice B"), ("not-listed", NOT_LISTED)]
    assert "data-app-autocomplete" in html["org"]  # app.js makes it a search box


def _post_scoped(app, data: dict, path: str = "/"):
    page = survey(SCOPED).pages[0]
    with app.test_request_context(path, method="POST", data=data):
        form = page_form_class(page, TWO_SYSTEMS)()
        ok = form.validate_page(page.questions)
        return ok, page_answers(form, page), form.errors, str(form.org)


def test_with_a_system_it_offers_only_that_systems_organisations(app):
    ok, answers, _, html = _post_scoped(app, {"org": "RD4"})
    assert ok and answers == {"org": "RD4"}
    assert _options(html) == [("", "Choose one"), ("RC3", "Clinic C"), ("RD4", "Hospice D"),
                              ("not-listed", NOT_LISTED)]
    # An organisation of another system is refused like any value not on the list, and what
    # else was sent is kept.
    ok, answers, errors, _ = _post_scoped(app, {"org": "RA1", "other": "Somewhere"})
    assert not ok and answers["other"] == "Somewhere"
    assert errors == {"org": ["Select an answer from the list for "
                              "'Which organisation do you work for?'"]}


def test_my_organisation_is_not_listed_is_accepted_and_shown_in_words_everywhere(app):
    ok, answers, errors, _ = _post_scoped(app, {"org": "not-listed", "other": "Hospice E"})
    assert ok and errors == {}
    assert answers == {"org": "not-listed", "other": "Hospice E"}
    question = survey(SCOPED).question("org")
    assert answer_lines(question, answers, {"RC3": "Clinic C"}) == [NOT_LISTED]
    assert answer_lines(question, {"org": "RC3"}, {"RC3": "Clinic C"}) == ["Clinic C"]
    scoped = survey(SCOPED)
    row = export._row_builder(scoped)((1, "R1", datetime(2026, 2, 3), None, None, None),
                                      {"org": "not-listed", "other": "Hospice E"})
    cells = dict(zip(export.header(scoped), row, strict=True))
    assert (cells["org"], cells["org (label)"]) == ("not-listed", NOT_LISTED)


def test_not_listed_is_in_the_pages_language(app):
    """A type's own words, worded from the interface catalogue (the definition has no say)."""
    ok, _, _, html = _post_scoped(app, {"org": "not-listed"}, "/consultations/x/?lang=cy")
    assert ok and ("not-listed", WELSH_NOT_LISTED) in _options(html)
    line, = answer_lines(survey(SCOPED).question("org"), {"org": "not-listed"})
    with app.test_request_context("/consultations/x/?lang=cy"):
        assert word(line) == WELSH_NOT_LISTED


@pytest.mark.parametrize(("option", "code", "where"), [
    ("system: qz9", "bad-value", "system must be a system's code"),
    ("system: Q", "bad-value", "2 to 12 capital letters or digits"),
    ("system: [QZ9]", "bad-value", "system"),
])
def test_a_systems_code_must_look_like_one(option, code, where):
    text = SCOPED.replace("system: QY1", option)
    result = load_text(text, "defs/scoped.yaml")
    assert [e.code for e in result.errors] == [code]
    assert where in result.errors[0].message


def test_only_an_organisation_question_takes_a_system():
    result = load_text(SCOPED.replace(
        "show_if: {question: org, in: [not-listed]}", "system: QY1"), "defs/scoped.yaml")
    assert [e.code for e in result.errors] == ["key-not-for-type"]


def test_a_condition_may_test_an_organisation_only_for_not_listed():
    assert survey(SCOPED).question("other").show_if.values == ("not-listed",)
    result = load_text(SCOPED.replace("in: [not-listed]", "in: [RC3]"), "defs/scoped.yaml")
    assert [e.code for e in result.errors] == ["show-if-unknown-value"]

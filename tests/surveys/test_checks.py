"""Every error code, with the exact line and column it points at."""

from __future__ import annotations

from app.surveys.checks import CODES
from tests.support.paths import DOCS
from tests.support.survey_yaml import HEAD, errors, load, messages, with_questions


def test_valid_minimal_survey_loads():
    result = load(with_questions("""\
        - id: q1
          type: single_choice
          label: Pick one
          choices: yes_no
        """))
    assert result.errors == []
    assert result.survey.question("q1").values() == ("yes", "no")


def test_yaml_syntax_points_at_the_problem():
    assert errors("id: [unclosed\ntitle: x\n") == [(2, 6, "yaml-syntax")]
    assert errors("a: b\n  c: d\n")[0][2] == "yaml-syntax"


def test_not_a_mapping():
    assert errors("- just\n- a list\n") == [(1, 1, "bad-value")]


def test_empty_file():
    assert errors("") == [(1, 1, "empty")]
    assert errors("# just a comment\n") == [(1, 1, "empty")]


def test_unknown_key_with_suggestion():
    text = with_questions("""\
        - id: q1
          type: text
          label: Name
          show_iff: {question: q0, in: [a]}
        """)
    assert errors(text) == [(12, 9, "unknown-key")]
    assert messages(text) == [
        "defs/test.yaml:12:9 [unknown-key] 'show_iff' is not a key of a question "
        "(did you mean 'show_if'?)"
    ]


def test_unknown_top_level_key_of_another_kind():
    text = HEAD.replace("title: A test\n", "title: A test\nmin_group_size: 11\n")
    assert errors(text + "      - {id: q1, type: text, label: x}\n") == [(6, 1, "unknown-key")]
    assert "only of a staff_voice survey" in messages(text + "      - {id: q1, type: text}\n")[0]


def test_missing_key_points_at_the_mapping():
    assert errors(with_questions("""\
        - id: q1
          label: No type
        """)) == [(9, 9, "missing-key")]
    assert errors("schema: 1\nid: x\nversion: 1\nkind: consultation\npages: []\n")[0] == (
        1, 1, "missing-key")


def test_duplicate_key():
    assert errors(with_questions("""\
        - id: q1
          type: text
          type: textarea
        """)) == [(11, 9, "duplicate-key")]


def test_unknown_type_with_suggestion():
    text = with_questions("""\
        - id: q1
          type: singel_choice
          choices: yes_no
        """)
    assert errors(text) == [(10, 15, "unknown-type")]
    assert messages(text)[0].endswith("(did you mean 'single_choice'?)")


def test_key_not_for_type():
    text = with_questions("""\
        - id: q1
          type: single_choice
          choices: yes_no
          max_length: 20
        """)
    assert errors(text) == [(12, 9, "key-not-for-type")]
    assert "only by text, textarea, email" in messages(text)[0]
    assert errors(with_questions("""\
        - id: q1
          type: text
          choices: yes_no
        """)) == [(11, 9, "key-not-for-type")]


def test_choices_required_for_choice_types():
    assert errors(with_questions("- {id: q1, type: likert}\n")) == [(9, 9, "missing-key")]


def test_duplicate_question_id():
    text = with_questions("""\
        - {id: q1, type: text}
        - {id: q1, type: textarea}
        """)
    assert errors(text) == [(10, 14, "duplicate-id")]
    assert "already used on line 9" in messages(text)[0]


def test_bad_id():
    assert errors(with_questions("- {id: Q-1, type: text}\n")) == [(9, 14, "bad-id")]
    assert errors(HEAD.replace("id: test_survey", "id: 2020review")
                  + "      - {id: q1, type: text}\n") == [(2, 5, "bad-id")]


def test_unknown_choices_with_suggestion():
    text = with_questions("- {id: q1, type: likert, choices: agree_5}\n")
    assert errors(text) == [(9, 41, "unknown-choices")]
    assert messages(text)[0].endswith("no choice list 'agree_5' in _choices.yaml "
                                      "(did you mean 'agree5'?)")


SHOW_IF_BASE = """\
- id: used
  type: single_choice
  choices: yes_no
- id: how
  type: text
"""


def test_bad_show_if_not_a_mapping():
    text = with_questions(SHOW_IF_BASE + "  show_if: yes\n")
    assert errors(text) == [(14, 18, "bad-show-if")]


def test_bad_show_if_mixed_operators():
    text = with_questions(SHOW_IF_BASE + "  show_if: {all: [], any: []}\n")
    assert errors(text) == [(14, 18, "bad-show-if")]


def test_bad_show_if_empty_list():
    text = with_questions(SHOW_IF_BASE + "  show_if: {any: []}\n")
    assert errors(text) == [(14, 24, "bad-show-if")]


def test_show_if_on_a_text_question_is_bad():
    text = with_questions(SHOW_IF_BASE + "- id: later\n  type: text\n"
                          "  show_if: {question: how, in: [x]}\n")
    assert errors(text) == [(16, 29, "bad-show-if")]


def test_show_if_forward_and_self():
    text = with_questions("""\
        - id: first
          type: text
          show_if: {question: second, in: ["yes"]}
        - id: second
          type: single_choice
          choices: yes_no
          show_if: {question: second, in: ["yes"]}
        """)
    assert errors(text) == [(11, 29, "show-if-forward"), (15, 29, "show-if-forward")]


def test_show_if_unknown_question_with_suggestion():
    text = with_questions(SHOW_IF_BASE + "  show_if: {question: usd, in: [\"yes\"]}\n")
    assert errors(text) == [(14, 29, "show-if-unknown-question")]
    assert messages(text)[0].endswith("(did you mean 'used'?)")


def test_show_if_unknown_value_with_suggestion():
    text = with_questions(SHOW_IF_BASE + "  show_if: {question: used, in: [\"yes\", \"noo\"]}\n")
    assert errors(text) == [(14, 47, "show-if-unknown-value")]
    assert messages(text)[0].endswith("'noo' is not a value of question 'used' "
                                      "(did you mean 'no'?)")


def test_show_if_missing_in_and_unknown_operator_key():
    text = with_questions(SHOW_IF_BASE + "  show_if: {question: used, is: [\"yes\"]}\n")
    assert errors(text) == [(14, 18, "missing-key"), (14, 35, "unknown-key")]
    assert "(did you mean 'in'?)" in messages(text)[1]


def test_nested_show_if_errors_are_all_found():
    text = with_questions(SHOW_IF_BASE + """\
  show_if:
    all:
      - {question: used, in: ["maybe"]}
      - not: {question: nope, in: ["yes"]}
""")
    assert errors(text) == [
        (16, 37, "show-if-unknown-value"), (17, 31, "show-if-unknown-question"),
    ]


def test_unknown_element_with_suggestion():
    text = with_questions("- {id: q1, type: text, evidence_for: [environment, enviroment]}\n")
    assert errors(text) == [(9, 58, "unknown-element")]
    assert messages(text)[0].endswith("(did you mean 'environment'?)")


def test_evidence_for_is_not_checked_without_known_elements():
    text = with_questions("- {id: q1, type: text, evidence_for: [anything]}\n")
    assert errors(text, diagnostic_elements=None) == []


def test_bad_values():
    text = """\
        schema: 2
        id: sv
        version: one
        kind: staff_voice
        title: T
        min_group_size: 0
        audience: {bands: ["2", "10"]}
        pages:
          - id: p
            questions:
              - {id: q1, type: text, optional: yes, max_length: -5}
        """
    assert errors(text) == [
        (1, 9, "bad-value"), (3, 10, "bad-value"), (6, 17, "bad-value"), (7, 25, "bad-value"),
        (11, 40, "bad-value"), (11, 57, "bad-value"),
    ]
    assert "optional must be true or false (got 'yes')" in messages(text)[4]


def test_unknown_kind_with_suggestion():
    text = HEAD.replace("kind: consultation", "kind: consultaton") + "      - {id: q, type: text}\n"
    assert errors(text) == [(4, 7, "bad-value")]
    assert messages(text)[0].endswith("(did you mean 'consultation'?)")


def test_schedule_dates():
    def schedule(opens: str, closes: str) -> str:
        return HEAD.replace("title: A test\n", f"title: A test\nschedule:\n  opens: {opens}\n"
                            f"  closes: {closes}\n") + "      - {id: q, type: text}\n"

    assert load(schedule("2020-02-28", "2020-03-23")).survey.schedule.closes.day == 23
    assert errors(schedule("2020-03-23", "2020-02-28")) == [(8, 11, "bad-value")]
    assert errors(schedule("2020-02-30", "2020-03-23")) == [(7, 10, "bad-value")]
    assert errors(schedule("soon", "2020-03-23")) == [(7, 10, "bad-value")]


def test_empty_lists():
    assert errors(HEAD.replace("pages:\n", "pages: []\n").split("  - id")[0]) == [
        (6, 8, "empty")]
    assert errors(with_questions("- {id: q1, type: likert, choices: []}\n")) == [
        (9, 41, "empty")]
    diagnostic = "schema: 1\nid: d\nversion: 1\nkind: diagnostic\ntitle: D\nelements: []\n"
    assert errors(diagnostic) == [(6, 11, "empty")]


def test_duplicate_choice_value():
    text = with_questions("""\
        - id: q1
          type: select
          choices:
            - {value: a, label: A}
            - {value: a, label: Again}
        """)
    assert errors(text) == [(13, 13, "duplicate-value")]


def test_aliases_are_refused():
    text = with_questions("""\
        - id: q1
          type: text
          label: &l Name
        - id: q2
          type: text
          label: *l
        """)
    assert errors(text) == [(14, 16, "bad-value")]


def test_all_errors_in_a_file_are_reported_in_file_order():
    text = with_questions("""\
        - id: q1
          type: singel_choice
        - id: Q2
          type: text
          colour: red
        - id: q3
          type: likert
          choices: agree_5
          show_if: {question: q9, in: [x]}
        """)
    assert errors(text) == [
        (10, 15, "unknown-type"), (11, 13, "bad-id"), (13, 9, "unknown-key"),
        (16, 18, "unknown-choices"), (17, 29, "show-if-unknown-question"),
    ]
    assert load(text).survey is None


def test_never_half_loaded():
    good = with_questions("- {id: q1, type: text}\n- {id: q2, type: text}\n")
    bad = good.replace("q2, type: text", "q2, type: text, hint: [a list]")
    assert load(good).survey is not None
    result = load(bad)
    assert result.survey is None and [e.code for e in result.errors] == ["bad-value"]


def test_every_code_is_documented():

    doc = DOCS / "survey_defs.md"
    text = doc.read_text(encoding="utf-8")
    assert [code for code in CODES if f"`{code}`" not in text] == []

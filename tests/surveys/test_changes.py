"""Which edits break stored responses."""

from __future__ import annotations

from app.surveys import breaking_changes
from tests.support.survey_yaml import load, with_questions

BEFORE = with_questions("""\
    - {id: used, type: single_choice, choices: yes_no}
    - id: how
      type: select
      choices: [{value: a, label: A}, {value: b, label: B}]
    - {id: notes, type: textarea}
    - id: grid
      type: matrix
      choices: yes_no
      rows: [{id: r1, label: R1}, {id: r2, label: R2}]
    """)


def survey(text):
    result = load(text)
    assert result.errors == []
    return result.survey


def test_adding_and_rewording_is_not_breaking():
    after = BEFORE.replace("{value: b, label: B}]", "{value: b, label: Bee}, {value: c, label: C}]")
    after += "      - {id: extra, type: text}\n"
    assert breaking_changes(survey(BEFORE), survey(after)) == []


def test_removals_and_type_changes_are_breaking():
    after = (BEFORE.replace(", {value: b, label: B}]", "]")
             .replace("      - {id: notes, type: textarea}\n", "")
             .replace("id: used, type: single_choice", "id: used, type: multiple_choice")
             .replace(", {id: r2, label: R2}", ""))
    assert breaking_changes(survey(BEFORE), survey(after)) == [
        "question 'used' changed type from single_choice to multiple_choice",
        "choice 'b' was removed from question 'how'",
        "question 'notes' was removed",
        "row 'r2' was removed from question 'grid'",
    ]


def test_diagnostic_items_and_rating_values():
    diag = """\
schema: 1
id: d
version: 1
kind: diagnostic
title: D
elements:
  - id: env
    title: Env
    sub_areas:
      - id: sa
        title: SA
        items:
          - {id: i1, prompt: One}
          - {id: i2, prompt: Two}
"""
    after = diag.replace("          - {id: i2, prompt: Two}\n", "") + (
        "rating_scale: [{value: '1', label: No}, {value: '3', label: Yes}]\n"
        "fields: [offer]\n"
    )
    assert breaking_changes(survey(diag), survey(after)) == [
        "field 'evidence' was removed", "field 'gaps' was removed", "field 'actions' was removed",
        "field 'action_owner' was removed", "field 'action_due' was removed",
        "item 'i2' was removed", "rating '2' was removed from the rating scale",
        "rating 'na' was removed from the rating scale",
    ]

"""A survey with one question of every built-in type, and a page of posts to answer it."""

from __future__ import annotations

import textwrap

from app.surveys import load_text

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
ORGANISATIONS = [("RA1", "Trust A"), ("RB2", "Practice B")]
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

# A rating question takes the diagnostic's rating scale, so it lives in a diagnostic.
RATED = """\
schema: 1
id: rated
version: 1
kind: diagnostic
title: Rated
rating_scale: [{value: "1", label: Not yet, colour: red}, {value: "2", label: Done}]
elements:
  - id: environment
    title: Environment
    sub_areas: [{id: space, title: Space, items: [{id: rest, prompt: A place to rest.}]}]
pages:
  - id: about
    questions:
      - {id: overall, type: rating, label: "How far along are you?"}
"""

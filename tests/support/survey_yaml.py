"""Small builders for survey-engine tests: YAML text in, errors or a survey out."""

from __future__ import annotations

import textwrap

from app.surveys import Choice, load_text

AGREE = tuple(Choice(v, v.replace("_", " ").capitalize()) for v in ("agree", "neither", "disagree"))
LIBRARY = {"agree5": AGREE, "yes_no": (Choice("yes", "Yes"), Choice("no", "No"))}
ELEMENTS = frozenset({"environment", "relationships", "data_insights"})


def load(text: str, **kwargs):
    kwargs.setdefault("choices", LIBRARY)
    kwargs.setdefault("diagnostic_elements", ELEMENTS)
    return load_text(textwrap.dedent(text), "defs/test.yaml", **kwargs)


def errors(text: str, **kwargs) -> list[tuple[int, int, str]]:
    return [(e.line, e.col, e.code) for e in load(text, **kwargs).errors]


def messages(text: str, **kwargs) -> list[str]:
    return [str(e) for e in load(text, **kwargs).errors]


HEAD = """\
schema: 1
id: test_survey
version: 1
kind: consultation
title: A test
pages:
  - id: page_one
    questions:
"""


def with_questions(questions: str) -> str:
    """HEAD plus questions; the first question's `- ` is on line 9, column 7."""
    return HEAD + textwrap.indent(textwrap.dedent(questions), " " * 6)


def one_item_diagnostic(item: str, extra: str = "") -> str:
    """A diagnostic definition with one element, one sub-area and this item (a YAML flow
    mapping); `extra` holds any other top-level keys, one a line."""
    return ("schema: 1\nid: diag\nversion: 2021\nkind: diagnostic\ntitle: Diagnostic\n" + extra
            + """\
elements:
  - id: environment
    title: Environment
    sub_areas:
      - id: spaces
        title: Spaces
        items:
          - """ + item + "\n")

# A rating question takes a diagnostic's rating scale, so it is asked in a diagnostic: the
# every-type tests (surveys/types/test_types.py, surveys/test_samples.py) ask it here.
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


def staff_voice(setting: str) -> str:
    """A one-question staff-voice definition (its band) with one more top-level `setting` line,
    such as `min_group_size: 5` or `audience: {bands: ["3"]}`."""
    return ("schema: 1\nid: sv\nversion: 1\nkind: staff_voice\ntitle: T\n" + setting + "\n"
            "pages:\n  - id: p\n    questions:\n      - {id: band, type: band}\n")

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

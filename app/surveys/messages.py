"""Validation messages in the NHS service manual's style, unless the definition overrides them.

Each question type words its own messages (app/surveys/types/); the rule for turning a question
into a "required" message is shared by all of them, so it is here.
"""

from __future__ import annotations

from .schema import Question

_ASKING = ("what ", "which ", "how ", "when ", "where ", "who ", "why ")


def required_message(question: Question, verb: str, fallback: str | None) -> str:
    """"Which best describes you?" -> "Select which best describes you"; a statement or a yes/no
    question cannot be turned round like that, so it gets the type's plain message."""
    label = question.label.strip().rstrip("?.").strip()
    if label.lower().startswith(_ASKING) and "\n" not in label:
        return f"{verb} {label[0].lower()}{label[1:]}"
    return fallback or ("Enter an answer" if verb == "Enter" else "Select an answer")


def error_message(question: Question, key: str) -> str:
    """The message for `key` (one of question.kind.error_keys) on this question."""
    if key in question.errors:
        return question.errors[key]
    return question.kind.message(question, key)

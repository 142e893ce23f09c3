"""Validation messages in the NHS service manual's style, unless the definition overrides them."""

from __future__ import annotations

from .schema import Question

_ASKING = ("what ", "which ", "how ", "when ", "where ", "who ", "why ")
_VERB = {"text": "Enter", "textarea": "Enter", "number": "Enter", "email": "Enter", "date": "Enter"}
_REQUIRED = {
    "band": "Select your pay band",
    "organisation": "Select your organisation",
    "rating": "Select a rating",
    "matrix": "Select an answer for each row",
    "email": "Enter an email address",
    "date": "Enter a date",
    "number": "Enter a number",
}


def _required(question: Question) -> str:
    verb = _VERB.get(question.type, "Select")
    label = question.label.strip().rstrip("?.").strip()
    # "Which best describes you?" -> "Select which best describes you"; a statement or a yes/no
    # question cannot be turned round like that, so it gets a plain message.
    if label.lower().startswith(_ASKING) and "\n" not in label:
        return f"{verb} {label[0].lower()}{label[1:]}"
    return _REQUIRED.get(question.type) or (
        "Enter an answer" if verb == "Enter" else "Select an answer"
    )


def error_message(question: Question, key: str) -> str:
    """The message for `key` (one of question.qtype.error_keys) on this question."""
    if key in question.errors:
        return question.errors[key]
    if key == "required":
        return _required(question)
    if key == "too_long":
        return f"Answer must be {question.max_length} characters or fewer"
    if key == "too_small":
        return f"Number must be {question.min} or more"
    if key == "too_big":
        return f"Number must be {question.max} or less"
    if key == "invalid":
        return {
            "email": "Enter an email address in the correct format, like name@example.com",
            "date": "Date must be a real date, like 28 2 2020",
            "number": "Enter a whole number or a decimal, like 12 or 2.5",
        }.get(question.type, "Enter a valid answer")
    raise KeyError(key)

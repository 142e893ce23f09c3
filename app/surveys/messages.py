"""Validation messages in the NHS service manual's style, unless the definition overrides them.

Each question type words its own messages (app/surveys/types/); the rule for turning a question
into a "required" message is shared by all of them, so it is here.

A message is English text that also carries its catalogue template (said()): this package has
no gettext, so a page in another language words it from the template (app/i18n.py word()). The
definition's own `errors:` are plain text, translated in the definition.
"""

from __future__ import annotations

from .schema import Question

_ASKING = ("what ", "which ", "how ", "when ", "where ", "who ", "why ")


class Said(str):
    """A message in English, with the template and values that word it in other languages."""

    template: str
    values: dict

    def __new__(cls, text: str, template: str, values: dict) -> Said:
        made = super().__new__(cls, text)
        made.template, made.values = template, values
        return made


def said(template: str, **values) -> Said:
    """A message from a catalogue template (extracted by `make extract`: keyword `said`)."""
    return Said(template % values if values else template, template, values)


def required_message(question: Question, verb: str, fallback: str | None) -> Said:
    """"Which best describes you?" -> "Select which best describes you"; a statement or a yes/no
    question cannot be turned round like that, so it gets the type's plain message."""
    if fallback:  # a type's own, usually said(); a plain one words itself in every language
        plain = fallback if isinstance(fallback, Said) else Said(fallback, fallback, {})
    else:
        plain = said("Enter an answer") if verb == "Enter" else said("Select an answer")
    label = question.label.strip().rstrip("?.").strip()
    if label.lower().startswith(_ASKING) and "\n" not in label:
        # Turned round in English only: other languages get the plain message.
        return Said(f"{verb} {label[0].lower()}{label[1:]}", plain.template, {})
    return plain


def error_message(question: Question, key: str) -> str:
    """The message for `key` (one of question.kind.error_keys) on this question."""
    if key in question.errors:
        return question.errors[key]
    return question.kind.message(question, key)

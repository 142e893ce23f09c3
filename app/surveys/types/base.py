"""What a question type is: the QuestionKind every type module subclasses, and FieldSpec, the
plain description of a form field that app/forms/survey.py turns into a WTForms field.

A kind has no state: one instance per type, shared by every question of that type, and every
method takes the question. The defaults here suit a question with one answer key, a single
value and nothing to look up; the families (app/surveys/types/families.py) and the type modules
override what differs.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..messages import error_message, required_message, said
from ..schema import Question

if TYPE_CHECKING:
    from yaml.nodes import Node

    from ..questions import Scope
    from ..samples import Sampler
    from ..yamlnodes import Ctx

    Get = Callable[[str], Node | None]

# A check of an answer that has been read: the message when it is wrong, else None.
Check = Callable[[Any], str | None]


class Counting(enum.Enum):
    """How a type's answers are counted (staff-voice figures, consultation charts)."""

    CHOICES = "choices"  # how many gave each value, and how many answered
    FREE_TEXT = "free_text"  # how many answered; the words themselves are read as comments
    ANSWERED = "answered"  # only how many answered (a number, a date, an email, an organisation)


@dataclass(frozen=True)
class FieldSpec:
    """One form field of a question, as app/forms/survey.py builds it.

    `widget` is one of: radios, checkboxes, select, text, email, textarea, number, decimal,
    date. A form library reads everything else as plain values and callables, so the type
    decides what an answer may be and how each message is worded.
    """

    key: str  # the answer key it fills
    widget: str
    label: str
    hint: str | None = None
    required: str | None = None  # the message when nothing is given; None: optional
    choices: tuple[tuple[str, str], ...] = ()  # (value, label), for radios, checkboxes, select
    # The organisations the page is given come first in its choices (then `choices`): every
    # one, or with `system` only those of the system with that code.
    organisations: bool = False
    system: str | None = None
    max_length: int | None = None  # shown as a character count (a textarea)
    # What was typed -> the answer (a number, a date); ValueError(message) when it cannot be.
    parse: Callable[[str], Any] | None = None
    checks: tuple[Check, ...] = ()  # run in order on an answer that was given and read
    one_only: str | None = None  # the message when a one-answer field is sent twice

    @property
    def name(self) -> str:
        """The form field's name: the key, with a matrix row's `q.row` written `q-row` (ids
        are snake_case, so the hyphen cannot clash)."""
        return self.key.replace(".", "-")


class QuestionKind:
    """A question type. Subclass it (usually ChoiceKind or TypedKind) in a module of
    app/surveys/types/ and decorate the class with @register: see docs/architecture.md."""

    name: str = ""
    # Its definition: keys it takes beyond COMMON_QUESTION_KEYS, which of them it needs, the
    # messages an author may override under `errors:`, and its defaults.
    keys: frozenset[str] = frozenset()
    required_keys: frozenset[str] = frozenset()
    error_keys: tuple[str, ...] = ("required",)
    default_label: str | None = None
    default_max_length: int | None = None
    # Its answers.
    widget: str = "text"
    verb: str = "Select"  # how its messages ask: "Select an answer", "Enter an answer"
    fallback_required: str | None = None  # "required" when the label is not a question
    multiple: bool = False  # the answer is a list of values
    has_values: bool = False  # answers come from its fixed choices: show_if may test them
    has_rows: bool = False  # one answer per row, each a field of its own (a matrix)
    is_free_text: bool = False  # typed words: comments, removed by retention, drafts' size
    is_published: bool = False  # the words a consultation may publish (redacted) with consent
    groups_respondents: bool = False  # the staff-voice band: results are split by it
    needs_organisations: bool = False  # its choices are the organisations in the database
    exported_as_typed: bool = False  # the export's label column repeats the answer as stored

    def __repr__(self) -> str:
        return f"<question type {self.name}>"

    # -- The definition ------------------------------------------------------------------

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        """Question fields from this type's own keys (`get(key)` is the node, or None), with
        its rules checked through ctx; None when a key was refused (ctx has the error)."""
        return {}

    def refused_in(self, survey_kind: str) -> str | None:
        """Why this type cannot be asked in a survey of this kind, or None."""
        return None

    # -- Its form field and messages -----------------------------------------------------

    def answer_keys(self, question: Question) -> tuple[str, ...]:
        return (question.id,)

    def fields(self, question: Question) -> tuple[FieldSpec, ...]:
        """One field per answer key."""
        return (FieldSpec(
            key=question.id, widget=self.widget, label=question.label, hint=question.hint,
            required=None if question.optional else self.required(question),
            choices=tuple((c.value, c.label) for c in question.choices),
            organisations=self.needs_organisations, parse=self.parser(question),
            checks=self.checks(question),
            one_only=None if self.multiple else (
                said("Enter one answer only") if self.verb == "Enter"
                else said("Select one answer only"))),)

    def condition_values(self, question: Question) -> tuple[str, ...] | None:
        """The values a show_if may test this question for; None: it cannot be tested."""
        return question.values() if self.has_values else None

    def anchor(self, question: Question) -> str:
        """The id a "Change" link jumps to: its first field."""
        return self.fields(question)[0].name

    def required(self, question: Question) -> str:
        return error_message(question, "required")

    def parser(self, question: Question) -> Callable[[str], Any] | None:
        return None

    def checks(self, question: Question) -> tuple[Check, ...]:
        return ()

    def form_value(self, question: Question, stored: Any) -> Any:
        """A stored answer as its field shows it again (None: do not show it)."""
        return stored

    def message(self, question: Question, key: str) -> str:
        """The default message for `key` of error_keys (the definition may override it)."""
        if key == "required":
            return required_message(question, self.verb, self.fallback_required)
        if key == "invalid":
            return said("Enter a valid answer")
        raise KeyError(key)

    # -- How an answer is shown and exported ---------------------------------------------

    def display_value(self, question: Question, value: str,
                      organisations: Mapping[str, str]) -> str:
        """One stored value in words: its choice's label, else as stored."""
        for choice in question.choices:
            if choice.value == value:
                return choice.label
        return value

    def display_lines(self, question: Question, answers: Mapping[str, Any],
                      organisations: Mapping[str, str]) -> list[str]:
        """The answer as lines of text (none when unanswered): check your answers, the
        response page, what a closed page was sent."""
        value = answers.get(question.id)
        if value is None or value == "":
            return []
        values = value if isinstance(value, list) else [value]
        return [self.display_value(question, str(one), organisations) for one in values]

    def export_label(self, question: Question, values: list[str]) -> str:
        """The export's label cell for a key's stored values (before the formula guard)."""
        return "; ".join(self.display_value(question, value, {}) for value in values)

    # -- How it is counted ---------------------------------------------------------------

    @property
    def counting(self) -> Counting:
        if self.has_values:
            return Counting.CHOICES
        return Counting.FREE_TEXT if self.is_free_text else Counting.ANSWERED

    def counted_values(self, question: Question, value: Any) -> tuple[str, ...]:
        """The values an answer adds to the counts, beside "answered" (only its choices)."""
        if not self.has_values:
            return ()
        known = question.values()
        values = value if isinstance(value, list) else [value]
        return tuple(str(v) for v in values if str(v) in known)

    # -- Made-up answers (demo data, benchmark data: app/surveys/samples.py) ---------------

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        """A plausible answer as {answer key: value}; {} leaves the question unanswered (a
        type whose answers need the database, like an organisation)."""
        return {}

    # -- How a reviewer reads it (flask surveys show) -------------------------------------

    def outline_facts(self, question: Question) -> list[str]:
        """Facts after the type in the outline's heading line, like "max 250 characters"."""
        return []

    def outline_lines(self, question: Question) -> list[str]:
        """Lines under the heading (rows, choices), unindented; nested lines start "  "."""
        return []

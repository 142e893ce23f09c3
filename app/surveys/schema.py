"""The typed survey definition and the closed vocabularies the loader checks against.

Every class is a frozen dataclass: a loaded definition is a snapshot and must never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from .bands import AFC_BANDS, BAND_LABELS, ROLE_GROUPS, audience_words

if TYPE_CHECKING:
    from .types.base import QuestionKind

SCHEMA_VERSION = 1
KINDS = ("consultation", "staff_voice", "diagnostic")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
# Choice values are stored with responses, so they stay short and free of spaces and capitals.
VALUE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_MIN_GROUP_SIZE = 11
# A staff-voice definition may raise its threshold, never lower it below the floor; the ceiling
# catches typos (110 for 11 is allowed, 11000 is not): see docs/survey_defs.md.
MIN_GROUP_SIZE_FLOOR = DEFAULT_MIN_GROUP_SIZE
MIN_GROUP_SIZE_CEILING = 1000
DEFAULT_AUDIENCE_BANDS = ("2", "3", "4")
PUBLISHING_CONSENT = ("required", "optional", "none")


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a YAML file."""

    line: int
    col: int


@dataclass(frozen=True)
class NodeMark:
    """Where a mapping entry's key and value start (value only for list items and the root)."""

    key: Mark | None
    value: Mark


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    colour: str | None = None


@dataclass(frozen=True)
class ShowIf:
    """A condition: op "in" uses question/values; "all"/"any" use terms; "not" has one term.

    `question` names an earlier question, or `question_id.row_id` for a row of a matrix.
    """

    op: str
    question: str | None = None
    values: tuple[str, ...] = ()
    terms: tuple[ShowIf, ...] = ()

    def questions(self) -> Iterator[str]:
        """Every question (answer key) the condition reads."""
        if self.question is not None:
            yield self.question
        for term in self.terms:
            yield from term.questions()


@dataclass(frozen=True)
class MatrixRow:
    id: str
    label: str


COMMON_QUESTION_KEYS = frozenset(
    {"id", "type", "label", "hint", "optional", "show_if", "evidence_for", "errors"}
)
# Every question type by name, in the order messages list them. Filled by the type modules of
# app/surveys/types/ as they are imported (each owns its keys, field, wording, display, export
# and counting); read through Question.kind.
QUESTION_TYPES: dict[str, QuestionKind] = {}


def kinds_taking(key: str) -> list[str]:
    """The names of the types that take `key`, in registry order."""
    return [name for name, kind in QUESTION_TYPES.items() if key in kind.keys]


def question_keys() -> frozenset[str]:
    """Every key some question type takes."""
    return COMMON_QUESTION_KEYS.union(*(kind.keys for kind in QUESTION_TYPES.values()))


BAND_CHOICES: tuple[Choice, ...] = (
    *(Choice(v, BAND_LABELS[v]) for v in AFC_BANDS),
    *(Choice(group.value, group.choice) for group in ROLE_GROUPS),
    Choice("prefer_not_to_say", "Prefer not to say"),
    Choice("dont_know", "Not sure"),
)
# What an audience may name: every band and role group, not the two answers that place nobody.
BAND_VALUES = tuple(c.value for c in BAND_CHOICES[:-2])

DEFAULT_RATING_SCALE: tuple[Choice, ...] = (
    Choice("1", "Not in place", "red"),
    Choice("2", "Partly in place", "amber"),
    Choice("3", "In place", "green"),
    Choice("na", "Not applicable"),
)

PAGE_KEYS = frozenset({"id", "title", "intro", "questions"})
CHOICE_KEYS = frozenset({"value", "label", "colour"})
ROW_KEYS = frozenset({"id", "label"})
ITEM_KEYS = frozenset({"id", "prompt", "guidance", "evidence_prompts"})
SUB_AREA_KEYS = frozenset({"id", "title", "items"})
ELEMENT_KEYS = frozenset({"id", "title", "sub_areas"})
SCHEDULE_KEYS = frozenset({"opens", "closes"})
CONTACT_KEYS = frozenset({"name", "team", "email", "phone", "url"})
SUMMARY_KEYS = frozenset({"we_asked", "you_said", "we_did"})
PUBLISHING_KEYS = frozenset({"consent"})
AUDIENCE_KEYS = frozenset({"bands"})
RETENTION_KEYS = frozenset({"free_text_days"})
SHOW_IF_KEYS = frozenset({"question", "in", "all", "any", "not"})

COMMON_KEYS = frozenset({
    "schema", "id", "version", "kind", "title", "summary_line", "description", "pages",
    "retention",
})
KIND_KEYS: dict[str, frozenset[str]] = {
    "consultation": COMMON_KEYS
    | {"schedule", "respondent_types", "publishing", "contact", "summary", "intro",
       "translations"},
    "staff_voice": COMMON_KEYS
    | {"audience", "min_group_size", "intro", "outside_audience_message", "translations"},
    "diagnostic": COMMON_KEYS | {"rating_scale", "fields", "elements"},
}
REQUIRED_KEYS = ("schema", "id", "version", "kind", "title")


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    hint: str | None = None
    optional: bool = False
    # Filled for every type with fixed answers: as written, or the built-in band list, or the
    # diagnostic's rating scale for `rating`. Empty for free-answer types and `organisation`.
    choices: tuple[Choice, ...] = ()
    show_if: ShowIf | None = None
    evidence_for: tuple[str, ...] = ()
    max_length: int | None = None
    min: int | float | None = None
    max: int | float | None = None
    rows: tuple[MatrixRow, ...] = ()
    errors: dict[str, str] = field(default_factory=dict, hash=False)
    # Settings only one type reads (a number's `decimals`), as its module built them. Left out
    # of a snapshot while empty, so adding a type or a setting changes no stored content hash.
    options: dict[str, Any] = field(default_factory=dict, hash=False,
                                    metadata={"omit_empty": True})

    @property
    def kind(self) -> QuestionKind:
        """What this question's type does: its field, wording, display, export and counting."""
        return QUESTION_TYPES[self.type]

    def answer_keys(self) -> tuple[str, ...]:
        """The keys this question's answers take in an answers mapping."""
        return self.kind.answer_keys(self)

    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    prompt: str
    guidance: str | None = None
    evidence_prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubArea:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Element:
    id: str
    title: str
    sub_areas: tuple[SubArea, ...]

    def items(self) -> tuple[Item, ...]:
        return tuple(item for sub in self.sub_areas for item in sub.items)


@dataclass(frozen=True)
class Schedule:
    opens: date  # from the start of this day, Europe/London
    closes: date  # to the end of this day, Europe/London


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    team: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Publishing:
    consent: str = "required"  # one of PUBLISHING_CONSENT


@dataclass(frozen=True)
class Summary:
    we_asked: str | None = None
    you_said: str | None = None
    we_did: str | None = None


@dataclass(frozen=True)
class Retention:
    free_text_days: int | None = None  # None: free text is kept as long as the response


@dataclass(frozen=True)
class Survey:
    schema: int
    id: str
    version: int
    kind: str
    title: str
    summary_line: str | None = None
    description: str | None = None
    pages: tuple[Page, ...] = ()
    schedule: Schedule | None = None
    respondent_types: tuple[Choice, ...] = ()
    publishing: Publishing | None = None
    contact: Contact | None = None
    summary: Summary | None = None
    audience_bands: tuple[str, ...] = ()
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    rating_scale: tuple[Choice, ...] = ()
    fields: tuple[Question, ...] = ()  # diagnostic: asked for every item, beside its rating
    elements: tuple[Element, ...] = ()
    retention: Retention = field(default_factory=Retention)
    intro: str | None = None
    outside_audience_message: str | None = None
    # Other languages' wording (app/surveys/translations.py): language -> flat key -> text.
    translations: dict[str, dict[str, str]] = field(default_factory=dict, hash=False,
                                                    metadata={"omit_empty": True})
    source_path: str | None = field(default=None, compare=False)
    content_hash: str = field(default="", compare=False)
    # "pages[0].questions[1].show_if" -> where that key and value are in the file.
    marks: dict[str, NodeMark] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def questions(self) -> tuple[Question, ...]:
        return tuple(q for page in self.pages for q in page.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions():
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def page(self, page_id: str) -> Page:
        for page in self.pages:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def items(self) -> tuple[Item, ...]:
        return tuple(item for element in self.elements for item in element.items())

    def mark(self, path: str) -> NodeMark | None:
        return self.marks.get(path)

    def audience_words(self) -> str:
        """Who a staff-voice survey is for: 'Band 2, Band 3 and Band 4'."""
        return audience_words(self.audience_bands)


@cache
def builtin_fields() -> dict[str, Question]:
    """The diagnostic's columns, as in the spreadsheet organisations used; `fields:` may name a
    subset or define its own questions. Made on first use: the types give the lengths."""

    def optional(qid: str, qtype: str, label: str) -> Question:
        return Question(qid, qtype, label, optional=True,
                        max_length=QUESTION_TYPES[qtype].default_max_length)

    return {q.id: q for q in (
        optional("offer", "textarea", "What is in place now?"),
        optional("evidence", "textarea", "What evidence do you have?"),
        optional("gaps", "textarea", "What gaps are there?"),
        optional("actions", "textarea", "What actions will you take?"),
        optional("action_owner", "text", "Who owns the actions?"),
        optional("action_due", "date", "When are the actions due?"),
    )}

"""Coded, positioned definition errors, and the "did you mean" suggestions they carry."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

# Every code the loader can emit, with what it means (docs/survey_defs.md lists the same).
CODES = {
    "unreadable": "a path that is missing, a folder where a file was expected, or unreadable",
    "encoding": "the file is not UTF-8 text (UTF-16, Latin-1, binary, control characters)",
    "too-large": "a file over the size limit, or with too many values",
    "too-deep": "values nested too deep",
    "yaml-syntax": "the file is not valid YAML",
    "unknown-key": "a key that this node does not take",
    "missing-key": "a required key is absent",
    "duplicate-key": "the same key twice in one mapping",
    "unknown-type": "a question type outside the closed list",
    "key-not-for-type": "a key this question type does not take",
    "duplicate-id": "an id (or survey id) used twice",
    "duplicate-value": "a choice value used twice in one list",
    "bad-id": "an id that is not snake_case",
    "unknown-choices": "a named choice list that _choices.yaml does not define",
    "bad-show-if": "a malformed show_if condition",
    "show-if-forward": "show_if refers to the same or a later question",
    "show-if-unknown-question": "show_if refers to a question that does not exist",
    "show-if-unknown-value": "show_if tests a value the question cannot have",
    "unknown-element": "evidence_for names an element no diagnostic defines",
    "bad-value": "a value of the wrong type or out of range",
    "empty": "a list or file that must not be empty",
    "check-failed": "the checker itself failed on this file (a bug to report)",
}


@dataclass(frozen=True)
class DefinitionError:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col} [{self.code}] {self.message}"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a candidate is close to `word`, else ''."""
    # Short words share few letters, so 'is' would never suggest 'in' at the usual cutoff.
    cutoff = 0.5 if len(word) <= 3 else 0.6
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""


def sort_errors(errors: Iterable[DefinitionError]) -> list[DefinitionError]:
    """File order, so a reader can work down the file."""
    return sorted(errors, key=lambda e: (e.path, e.line, e.col))

"""The one registry of question types: each type module registers its kind here, into
schema.QUESTION_TYPES, and everything else asks it (through Question.kind) instead of comparing
type names."""

from __future__ import annotations

from ..schema import QUESTION_TYPES
from .base import QuestionKind


def register(cls: type[QuestionKind]) -> type[QuestionKind]:
    """Class decorator: make `cls` the type named cls.name. A name is registered once."""
    if not cls.name or cls.name in QUESTION_TYPES:
        raise ValueError(f"question type {cls.name!r} is unnamed or registered already")
    QUESTION_TYPES[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Forget a type (for tests that register a toy one)."""
    QUESTION_TYPES.pop(name, None)

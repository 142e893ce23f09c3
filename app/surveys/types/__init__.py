"""Question types: one module per type, each a QuestionKind registered by name.

A type owns its schema rules (the keys it takes and their checks), its form field and error
wording (as a plain FieldSpec, which app/forms/survey.py builds), how an answer is shown and
exported, how it is counted, whether it is free text, and what a made-up answer looks like
(demo and benchmark data). Callers ask `question.kind` instead of comparing type names.
Adding a type is adding a module here (docs/architecture.md has a worked example).
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Check, Counting, FieldSpec, QuestionKind
from .families import ChoiceKind, TextKind, TypedKind
from .registry import register, unregister

# The built-in types in the order docs and messages list them; any other module here is a type
# too, loaded after these in name order.
BUILT_IN = ("single_choice", "multiple_choice", "select", "likert", "text", "textarea", "number",
            "date", "email", "band", "organisation", "rating", "matrix")
_NOT_TYPES = {"base", "families", "registry"}


def _load_types() -> None:
    found = {m.name for m in pkgutil.iter_modules(__path__)} - _NOT_TYPES
    for name in [*BUILT_IN, *sorted(found - set(BUILT_IN))]:
        importlib.import_module(f"{__name__}.{name}")


_load_types()

__all__ = ["BUILT_IN", "Check", "ChoiceKind", "Counting", "FieldSpec", "QuestionKind",
           "TextKind", "TypedKind", "register", "unregister"]

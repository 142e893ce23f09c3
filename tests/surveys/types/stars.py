"""A toy question type, the worked example in docs/architecture.md: "how many stars?", one to
`stars` (default 5), asked as radios, shown back as "3 of 5 stars", counted by value.

A built-in type is a module like this one in app/surveys/types/, with @register on its class;
the tests register and unregister this one themselves (tests/surveys/types/test_registry.py)
so that it exists only while they run.
"""

from __future__ import annotations

from app.surveys import Choice, Question
from app.surveys.types import ChoiceKind

MOST_STARS = 10


class Stars(ChoiceKind):
    name = "stars"
    keys = frozenset({"stars"})  # its own key, and no `choices`: the stars are the choices
    required_keys = frozenset()
    widget = "radios"
    fallback_required = "Select how many stars"

    def build(self, ctx, get, scope):
        """Its schema rule: `stars` is a whole number from 2 to 10."""
        stars = 5
        if get("stars") is not None:
            stars = ctx.integer(get("stars"), "stars", minimum=2)
            if stars is None:
                return None
            if stars > MOST_STARS:
                ctx.error(get("stars"), "bad-value", f"stars must be at most {MOST_STARS}")
                return None
        choices = tuple(Choice(str(n), "★" * n) for n in range(1, stars + 1))
        return {"choices": choices, "options": {"stars": stars}}

    def display_value(self, question: Question, value: str, organisations) -> str:
        return f"{value} of {question.options['stars']} stars"

"""number: a whole number, or with `decimals: true` a decimal too, between optional `min` and
`max`. Its messages say which it takes, so wording and behaviour cannot drift apart."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..messages import error_message, said
from ..schema import Question
from .base import Check, FieldSpec
from .families import TypedKind
from .registry import register

if TYPE_CHECKING:
    from ..questions import Scope
    from ..samples import Sampler
    from ..yamlnodes import Ctx
    from .base import Get

# At most 15 digits before the point: exact in a spreadsheet, and far from overflowing anything
# (a 1,000-digit number once overflowed a range check). No exponents, NaN or infinity.
WHOLE = re.compile(r"[+-]?\d{1,15}")
DECIMAL = re.compile(r"[+-]?(?:\d{1,15}(?:\.\d{1,10})?|\.\d{1,10})")


def takes_decimals(question: Question) -> bool:
    return bool(question.options.get("decimals"))


@register
class Number(TypedKind):
    name = "number"
    keys = frozenset({"min", "max", "decimals"})
    error_keys = ("required", "invalid", "too_small", "too_big")
    widget = "number"
    fallback_required = said("Enter a number")

    def build(self, ctx: Ctx, get: Get, scope: Scope) -> dict[str, Any] | None:
        decimals = bool(ctx.boolean(get("decimals"), "decimals"))
        limits = {key: ctx.number(get(key), key) for key in ("min", "max")}
        for key, limit in limits.items():
            if isinstance(limit, float) and not math.isfinite(limit):
                ctx.error(get(key), "bad-value", f"{key} must be a number (got '{limit}')")
                limits[key] = None
            elif isinstance(limit, float) and not decimals:
                ctx.error(get(key), "bad-value", f"{key} must be a whole number unless the "
                          f"question has decimals: true (got {limit})")
                limits[key] = None
        low, high = limits["min"], limits["max"]
        if low is not None and high is not None and low > high:
            ctx.error(get("max"), "bad-value", f"max ({high}) is less than min ({low})")
        return {"min": low, "max": high, "options": {"decimals": True} if decimals else {}}

    def fields(self, question: Question) -> tuple[FieldSpec, ...]:
        widget = "decimal" if takes_decimals(question) else "number"
        return tuple(replace(spec, widget=widget) for spec in super().fields(question))

    def parser(self, question: Question) -> Callable[[str], Any]:
        decimals, message = takes_decimals(question), error_message(question, "invalid")
        pattern = DECIMAL if decimals else WHOLE

        def parse(text: str) -> int | Decimal:
            text = text.strip()
            if not pattern.fullmatch(text):
                raise ValueError(message)
            if not decimals:
                return int(text)
            value = Decimal(text)
            return value if value else abs(value)  # "-0.0" is stored as "0.0"

        return parse

    def checks(self, question: Question) -> tuple[Check, ...]:
        # Limits compared as written (a float 0.1 is a little more than the decimal 0.1).
        low = None if question.min is None else Decimal(str(question.min))
        high = None if question.max is None else Decimal(str(question.max))
        too_small, too_big = (error_message(question, k) for k in ("too_small", "too_big"))

        def within(value: int | Decimal) -> str | None:
            if low is not None and value < low:
                return too_small
            if high is not None and value > high:
                return too_big
            return None

        return (within,)

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        low = 0 if question.min is None else math.ceil(question.min)
        high = max(low, low + 40 if question.max is None else math.floor(question.max))
        value: int | Decimal = make.rng.randint(low, high)
        if takes_decimals(question):
            # Tenths, kept within limits written as decimals (0.5 to 0.7 has no whole number).
            value += Decimal(make.rng.randrange(10)) / 10
            for limit, keep in ((question.min, max), (question.max, min)):
                if limit is not None:
                    value = keep(value, Decimal(str(limit)))
        return {question.id: value}

    def form_value(self, question: Question, stored: Any) -> Any:
        try:
            return self.parser(question)(str(stored))
        except ValueError:
            return None

    def message(self, question: Question, key: str) -> str:
        if key == "invalid":
            if takes_decimals(question):
                return said("Enter a whole number or a decimal, like 12 or 2.5")
            return said("Enter a whole number, like 12")
        if key == "too_small":
            return said("Number must be %(least)s or more", least=question.min)
        if key == "too_big":
            return said("Number must be %(most)s or less", most=question.max)
        return super().message(question, key)

    def outline_facts(self, question: Question) -> list[str]:
        facts = []
        if question.min is not None or question.max is not None:
            facts.append(f"from {'-' if question.min is None else question.min} to "
                         f"{'-' if question.max is None else question.max}")
        facts.append("decimals allowed" if takes_decimals(question) else "whole numbers")
        return facts

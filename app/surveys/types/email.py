"""email: an email address in the correct format, at most max_length characters (254)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from email_validator import EmailNotValidError, validate_email

from ..messages import error_message, said
from ..schema import Question
from .base import Check
from .families import TextKind
from .registry import register

if TYPE_CHECKING:
    from ..samples import Sampler


@register
class Email(TextKind):
    name = "email"
    widget = "email"
    default_max_length = 254
    error_keys = ("required", "too_long", "invalid")
    fallback_required = said("Enter an email address")

    def checks(self, question: Question) -> tuple[Check, ...]:
        message = error_message(question, "invalid")

        def well_formed(address: str) -> str | None:
            try:
                validate_email(address, check_deliverability=False, allow_smtputf8=True,
                               allow_empty_local=False)
            except EmailNotValidError:
                return message
            return None

        return (*super().checks(question), well_formed)

    def sample(self, question: Question, make: Sampler) -> dict[str, Any]:
        return {question.id: f"person{make.rng.randint(1, 9999)}@example.com"}

    def message(self, question: Question, key: str) -> str:
        if key == "invalid":
            return said("Enter an email address in the correct format, like name@example.com")
        return super().message(question, key)

"""The fields and validator of every form that sets a password (the admin's user form, Change
password): a password is checked with AcceptablePassword, the policy in app/passwords.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wtforms.validators import StopValidation

from app import passwords
from app.forms.base import Form
from app.forms.fields import PasswordField

NEW_PASSWORD_HINT = (f"At least {passwords.MIN_LENGTH} characters. 3 or more random words make "
                     "a password that is easy to remember and hard to guess. Spaces are allowed.")


class NewPasswordField(PasswordField):
    """A password being chosen: browsers and password managers offer to generate one."""

    def nhsuk_params(self, **kwargs) -> dict:
        kwargs.setdefault("autocomplete", "new-password")
        return super().nhsuk_params(**kwargs)


class AcceptablePassword:
    """The password policy as a field validator, saying why a password is refused. `context`
    gives the person's own words (email, name) from the form; with `blank_keeps`, an empty field
    means "keep the current password" (only spaces is still refused)."""

    def __init__(self, context: Callable[[Form], Iterable[str | None]], blank_keeps=False):
        self.context, self.blank_keeps = context, blank_keeps

    def __call__(self, form: Form, field) -> None:
        if self.blank_keeps and not field.data:
            field.errors[:] = []
            raise StopValidation()
        message = passwords.problem(field.data, self.context(form))
        if message:
            raise StopValidation(message)

"""Sign-in and password forms. Every form that sets a password checks it with
AcceptablePassword, the policy in app/passwords.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wtforms import ValidationError
from wtforms.validators import DataRequired, Length, StopValidation

from app import passwords
from app.forms.base import Form
from app.forms.fields import EmailField, PasswordField

NEW_PASSWORD_HINT = (f"At least {passwords.MIN_LENGTH} characters. 3 or more random words make "
                     "a password that is easy to remember and hard to guess. Spaces are allowed.")


class SignInForm(Form):
    email = EmailField("Email address", [DataRequired("Enter your email address"),
                                         Length(max=254, message="Enter a shorter email address")])
    password = PasswordField("Password", [DataRequired("Enter your password"),
                                          Length(max=500, message="Enter a shorter password")])


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


class ChangePasswordForm(Form):
    """Someone changing their own password: the current one proves it is them."""

    current_password = PasswordField("Current password", [
        DataRequired("Enter your current password"),
        Length(max=500, message="Enter a shorter password")])
    new_password = NewPasswordField("New password", [
        AcceptablePassword(lambda form: [form.user.email, form.user.name])],
        hint=NEW_PASSWORD_HINT)
    confirm_password = NewPasswordField("Enter the new password again", [
        DataRequired("Enter the new password again")])

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field) -> None:
        if not self.user.check_password(field.data):
            raise ValidationError("Your current password is not right")

    def validate_new_password(self, field) -> None:
        if self.user.check_password(field.data):
            raise ValidationError("Your new password must be different from your current one")

    def validate_confirm_password(self, field) -> None:
        if field.data != self.new_password.data:
            raise ValidationError("The new passwords do not match: enter the same one twice")

"""The sign-in form, and the form an invited person sets their password with."""

from __future__ import annotations

from wtforms import ValidationError
from wtforms.validators import DataRequired, Length

from app.forms.base import Form
from app.forms.fields import EmailField, PasswordField
from app.forms.password_fields import NEW_PASSWORD_HINT, AcceptablePassword, NewPasswordField


class SignInForm(Form):
    email = EmailField("Email address", [DataRequired("Enter your email address"),
                                         Length(max=254, message="Enter a shorter email address")])
    password = PasswordField("Password", [DataRequired("Enter your password"),
                                          Length(max=500, message="Enter a shorter password")])


class AcceptInvitationForm(Form):
    """The invited person chooses their password (the policy checks it)."""

    new_password = NewPasswordField("Choose a password", [
        AcceptablePassword(lambda form: [form.email, form.name])], hint=NEW_PASSWORD_HINT)
    confirm_password = NewPasswordField("Enter the password again", [
        DataRequired("Enter the password again")])

    def __init__(self, email: str, name: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email, self.name = email, name

    def validate_confirm_password(self, field) -> None:
        if field.data != self.new_password.data:
            raise ValidationError("The passwords do not match: enter the same one twice")

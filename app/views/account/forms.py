"""Change password: the new one follows the policy (app/forms/password_fields.py)."""

from __future__ import annotations

from wtforms import ValidationError
from wtforms.validators import DataRequired, Length

from app.api_tokens import LIFETIMES
from app.forms.base import Form
from app.forms.fields import PasswordField, RadioField, StringField
from app.forms.password_fields import NEW_PASSWORD_HINT, AcceptablePassword, NewPasswordField


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


class RemindersForm(Form):
    reminders = RadioField(
        "Do you want reminder emails?", [DataRequired("Select whether you want reminder emails")],
        choices=[("yes", "Yes, send me reminders"), ("no", "No, do not send me reminders")],
        hint="For example when a staff survey you lead is about to close. Invitations and "
             "messages you ask for are still sent.")


class TokenForm(Form):
    name = StringField("Name", [DataRequired("Enter a name for the token"),
                                Length(max=80, message="Enter a name of 80 characters or fewer")],
                       hint="What it is for, like Power BI board report")
    lifetime = RadioField("How long should it work?",
                          [DataRequired("Select how long the token should work")],
                          choices=list(LIFETIMES.items()), default="90")


"""The sign-in form."""

from __future__ import annotations

from wtforms.validators import DataRequired, Length

from app.forms.base import Form
from app.forms.fields import EmailField, PasswordField


class SignInForm(Form):
    email = EmailField("Email address", [DataRequired("Enter your email address"),
                                         Length(max=254, message="Enter a shorter email address")])
    password = PasswordField("Password", [DataRequired("Enter your password"),
                                          Length(max=500, message="Enter a shorter password")])

"""The access-code form."""

from wtforms import validators as v

from app.forms import fields as f
from app.forms.base import Form


class AccessCodeForm(Form):
    code = f.StringField(
        "Enter your access code",
        [v.DataRequired("Enter the access code from your card"),
         v.Length(max=40, message="Enter the access code exactly as it is on your card")],
        hint="It is on the card or sheet you were given, for example 7K3M-9Q2D-XH4P. "
             "Capital letters and dashes do not matter.")

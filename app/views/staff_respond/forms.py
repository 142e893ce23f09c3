"""The access-code form."""

from flask_babel import lazy_gettext as _
from wtforms import validators as v

from app.forms import fields as f
from app.forms.base import Form


class AccessCodeForm(Form):
    code = f.StringField(
        _("Enter your access code"),
        [v.DataRequired(_("Enter the access code from your card")),
         v.Length(max=40, message=_("Enter the access code exactly as it is on your card"))],
        hint=_("It is on the card or sheet you were given, for example 7K3M-9Q2D-XH4P. "
               "Capital letters and dashes do not matter."))

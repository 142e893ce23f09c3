"""The base form every page uses."""

from flask import request
from flask_wtf import FlaskForm

from app.forms.csrf import KeptCSRF


class Form(FlaskForm):
    """A FlaskForm that treats an empty POST as an empty answer, not as 'no submission'.

    Flask-WTF falls back to the object's stored values when a POST has no fields, which would
    let an empty (or stripped) post save whatever was there, or clear unticked boxes silently.
    """

    class Meta:
        csrf_class = KeptCSRF

    def __init__(self, *args, **kwargs):
        if "formdata" not in kwargs and request.method in ("POST", "PUT", "PATCH", "DELETE"):
            kwargs["formdata"] = request.form
        super().__init__(*args, **kwargs)


class ButtonForm(Form):
    """A button-only form: the CSRF token and nothing else."""

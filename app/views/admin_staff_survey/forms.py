"""The upload of a CSV file of NHS Staff Survey theme scores."""

from flask_wtf.file import FileField
from wtforms import ValidationError

from app.forms.base import Form


class ScoresUploadForm(Form):
    scores = FileField("CSV file of theme scores")

    def validate_scores(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError("Select a CSV file of theme scores")
        if not field.data.filename.lower().endswith(".csv"):
            raise ValidationError("The file must be a CSV file (.csv)")

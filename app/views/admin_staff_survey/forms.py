"""The upload of a CSV file of NHS Staff Survey theme scores."""

from app.forms.base import Form
from app.forms.fields import UploadField


class ScoresUploadForm(Form):
    scores = UploadField("CSV file of theme scores", extension=".csv", accept=".csv,text/csv",
                         missing="Select a CSV file of theme scores",
                         wrong_kind="The file must be a CSV file (.csv)")

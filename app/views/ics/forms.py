"""Forms for analyst tags."""

from wtforms.validators import DataRequired, Length

from app.analysis.themes import TAG_NAME_MAX
from app.forms.base import Form
from app.forms.fields import CheckboxesField, SelectField, StringField


class TagForm(Form):
    name = StringField("Tag name", [DataRequired("Enter a name for the tag"),
                                    Length(max=TAG_NAME_MAX, message="Tag names must be "
                                           f"{TAG_NAME_MAX} characters or fewer")],
                       hint="For example: Access for night staff")


class ApplyTagForm(Form):
    tag = SelectField("Tag to apply", [DataRequired("Select a tag to apply")], coerce=str)
    texts = CheckboxesField("Texts to tag", [DataRequired("Select at least one text to tag")],
                            coerce=str)


class EmptyForm(Form):
    """A button-only form: the CSRF token and nothing else."""

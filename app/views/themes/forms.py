"""Forms of the theme workbench (app/views/themes/)."""

from wtforms import StringField as PlainStringField
from wtforms.validators import DataRequired, Length, Optional

from app.analysis.theming.store import NAME_MAX
from app.forms.base import Form
from app.forms.fields import CheckboxesField, RadioField, SelectField, StringField


class AddThemeForm(Form):
    name = StringField("Add a theme of your own", [
        DataRequired("Enter a name for the theme"),
        Length(max=NAME_MAX, message=f"Enter a name of {NAME_MAX} characters or fewer")],
        hint="For example: Rest spaces for night staff")


def decide_form(others, **kwargs) -> Form:
    """What to do with one found theme; the button pressed sets `action`."""

    class DecideForm(Form):
        action = PlainStringField()
        name = StringField("New name", [Optional(), Length(max=NAME_MAX)])
        into = SelectField("Merge into", [Optional()],
                           choices=[(t.key, t.name) for t in others])

    return DecideForm(**kwargs)


def tag_form(texts, offered, **kwargs) -> Form:
    """`texts`: rows with a `key` (one or more text keys, joined by commas) and a `text`."""

    class TagForm(Form):
        keys = CheckboxesField("Texts", [DataRequired("Select at least one text")],
                               choices=[(e.key, e.text) for e in texts])
        themes = CheckboxesField("Themes to give them", [Optional()],
                                 choices=[(t.key, t.name) for t in offered],
                                 hint="Leave every theme unticked to say a text has none of "
                                      "them.")
        mode = RadioField("What to do with themes they already have", [DataRequired()],
                          choices=[("replace", "Replace them"), ("add", "Keep them, and add "
                                                                        "these")],
                          default="replace")

    return TagForm(**kwargs)

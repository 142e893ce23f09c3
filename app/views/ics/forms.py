"""Forms for analyst tags."""

from wtforms.validators import DataRequired, Length, Optional

from app.analysis.themes import TAG_NAME_MAX
from app.forms.base import Form
from app.forms.fields import (
    CheckboxesField,
    DateField,
    SelectField,
    StringField,
    TextAreaField,
)


class TagForm(Form):
    name = StringField("Tag name", [DataRequired("Enter a name for the tag"),
                                    Length(max=TAG_NAME_MAX, message="Tag names must be "
                                           f"{TAG_NAME_MAX} characters or fewer")],
                       hint="For example: Access for night staff")


class ApplyTagForm(Form):
    tag = SelectField("Tag to apply", [DataRequired("Select a tag to apply")], coerce=str)
    texts = CheckboxesField("Texts to tag", [DataRequired("Select at least one text to tag")],
                            coerce=str)



def agreement_form(elements, orgs, **kwargs) -> Form:
    org_choices = [("", "Choose an organisation")] + [(str(o.id), o.name) for o in orgs]

    class AgreementForm(Form):
        element = SelectField("Element", [DataRequired("Choose the element")],
                              choices=[("", "Choose an element")] + [(e.id, e.title)
                                                                      for e in elements])
        learner = SelectField("Organisation that will learn", [
            DataRequired("Choose the organisation that will learn")], choices=org_choices)
        buddy = SelectField("Its buddy, which rates itself strong", [
            DataRequired("Choose its buddy")], choices=org_choices)
        note = TextAreaField("What have they agreed?", [
            Length(max=2000, message="Enter a shorter note (2,000 characters at most)")],
            hint="For example, who will meet, and what they will share.")
        follow_up_on = DateField("When will you follow it up?", [Optional()],
                                 hint="For example, 15 3 2027")

        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            if ok and self.learner.data == self.buddy.data:
                self.buddy.errors = ["Choose a different organisation from the one that "
                                     "will learn"]
                ok = False
            return ok

    return AgreementForm(**kwargs)

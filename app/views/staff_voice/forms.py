"""Forms for launching a wave and making access codes."""

from wtforms import validators as v

from app.forms import fields as f
from app.forms.base import Form


class LaunchForm(Form):
    organisation_id = f.SelectField("Organisation", [v.DataRequired("Select the organisation")],
                                    coerce=str)
    survey_id = f.RadioField("Survey", [v.DataRequired("Select the survey")], coerce=str)
    opens = f.DateField("Opens on", [v.DataRequired("Enter the date the survey opens")],
                        hint=lambda: f.date_example(7))
    closes = f.DateField("Closes on", [v.DataRequired("Enter the date the survey closes")],
                         hint="It closes at the end of this day")
    access = f.RadioField(
        "How will staff get in?", [v.DataRequired("Select how staff will get in")],
        choices=[("link", "Anyone with the link or QR code"),
                 ("codes", "The link and a single-use access code from a printed sheet")],
        coerce=str,
        hint="Codes help staff without email or a desk, and stop anyone answering twice.")
    headcount_2 = f.IntegerField("Staff in Band 2", [v.Optional(), v.NumberRange(
        min=1, max=500000, message="Enter a whole number of staff, like 120")])
    headcount_3 = f.IntegerField("Staff in Band 3", [v.Optional(), v.NumberRange(
        min=1, max=500000, message="Enter a whole number of staff, like 120")])
    headcount_4 = f.IntegerField("Staff in Band 4", [v.Optional(), v.NumberRange(
        min=1, max=500000, message="Enter a whole number of staff, like 120")])
    headcount_not_afc_2_4 = f.IntegerField(
        "Staff not on Agenda for Change in roles like Bands 2 to 4", [v.Optional(), v.NumberRange(
            min=1, max=500000, message="Enter a whole number of staff, like 120")],
        hint="For example care workers, healthcare assistants, receptionists and administrators "
             "on your own pay scales.")

    def validate_closes(self, field):
        if field.data and self.opens.data and field.data < self.opens.data:
            raise v.ValidationError(
                "The closing date must be the same as or after the opening date")


class CodesForm(Form):
    number = f.IntegerField("How many codes?", [
        v.InputRequired("Enter how many codes to make"),
        v.NumberRange(min=1, max=2000, message="Enter a number from 1 to 2000")],
        hint="Ten codes fit on each printed page.")


class CloseWaveForm(Form):
    """Confirms closing a wave early: nothing to fill in, but a POST with a CSRF token."""

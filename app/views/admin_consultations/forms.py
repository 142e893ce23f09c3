"""Admin forms for consultations."""

from wtforms.validators import DataRequired, Length, Optional

from app.forms.base import Form
from app.forms.fields import DateField, StringField, TextAreaField, date_example


def _strip(value):
    return value.strip() if isinstance(value, str) else value


# Every change of a consultation's state says why (kept in the audit log and shown on its
# page). Each form's reason has a name of its own: the three forms share one page.
def _reason(label: str, missing: str):
    return TextAreaField(label, [DataRequired(missing), Length(max=1000)], max_length=1000,
                         filters=[_strip], hint="Kept in the audit log.")


class OpenForm(Form):
    until = DateField("Close at the end of (optional)", [Optional()])
    open_reason = _reason("Why are you opening it now?", "Enter why you are opening it now")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a date the page shows can be "kept"; a closed consultation has none to keep.
        self.until.hint = ("It keeps the close date it has, shown here. Clear the date to keep "
                           "it open until you close it. " if self.until.data else
                           "Leave it empty to keep it open until you close it. ") + date_example(28)


class CloseForm(Form):
    reason = _reason("Why are you closing it now?", "Enter why you are closing it now")


class ScheduleForm(Form):
    opens = DateField("Opens", [DataRequired("Enter the date it opens")],
                      hint=lambda: "Open from the start of this day (UK time). "
                                   + date_example(7))
    closes = DateField("Closes", [DataRequired("Enter the date it closes")],
                       hint=lambda: "Open until the end of this day (UK time). "
                                    + date_example(35))
    schedule_reason = _reason("Why are the dates changing?", "Enter why the dates are changing")


class RedactForm(Form):
    question_id = StringField("Question", [DataRequired("Select the answer to redact")])
    passage = TextAreaField("Passage to redact", [DataRequired("Enter the passage to redact"),
                                                  Length(max=5000)], filters=[_strip],
                            hint="Copy the exact words from the answer.")
    reason = StringField("Reason", [DataRequired("Enter why this passage is redacted"),
                                    Length(max=500)], filters=[_strip],
                         hint="For example, names a member of staff.")


class SummaryForm(Form):
    """Drafted any time, in parts; publishing needs all three (routes check on publish)."""

    we_asked = TextAreaField("We asked", [Length(max=10000)], max_length=10000, filters=[_strip])
    you_said = TextAreaField("You said", [Length(max=10000)], max_length=10000, filters=[_strip])
    we_did = TextAreaField("We did", [Length(max=10000)], max_length=10000, filters=[_strip])
    WANTED = {"we_asked": "Enter what we asked", "you_said": "Enter what people said",
              "we_did": "Enter what we did"}

"""Admin forms for consultations."""

from wtforms.validators import DataRequired, Length, Optional

from app.forms.base import Form
from app.forms.fields import DateField, StringField, TextAreaField


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class OpenForm(Form):
    until = DateField("Close at the end of (optional)", [Optional()],
                      hint="Leave blank to keep it open until you close it. "
                           "For example, 31 12 2026")


class CloseForm(Form):
    reason = TextAreaField("Why are you closing it now?", [Length(max=1000)], max_length=1000,
                           filters=[_strip], hint="Kept in the audit log.")


class ScheduleForm(Form):
    opens = DateField("Opens", [DataRequired("Enter the date it opens")],
                      hint="Open from the start of this day (UK time). For example, 28 2 2020")
    closes = DateField("Closes", [DataRequired("Enter the date it closes")],
                       hint="Open until the end of this day (UK time). For example, 23 3 2020")


class RedactForm(Form):
    question_id = StringField("Question", [DataRequired("Select the answer to redact")])
    passage = TextAreaField("Passage to redact", [DataRequired("Enter the passage to redact"),
                                                  Length(max=5000)], filters=[_strip],
                            hint="Copy the exact words from the answer.")
    reason = StringField("Reason", [DataRequired("Enter why this passage is redacted"),
                                    Length(max=500)], filters=[_strip],
                         hint="For example, names a member of staff.")


class SummaryForm(Form):
    we_asked = TextAreaField("We asked", [DataRequired("Enter what we asked"),
                                          Length(max=10000)], max_length=10000, filters=[_strip])
    you_said = TextAreaField("You said", [DataRequired("Enter what people said"),
                                          Length(max=10000)], max_length=10000, filters=[_strip])
    we_did = TextAreaField("We did", [DataRequired("Enter what we did"),
                                      Length(max=10000)], max_length=10000, filters=[_strip])

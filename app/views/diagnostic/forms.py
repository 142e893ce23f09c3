"""Forms for the diagnostic. Every form checks its own CSRF token (the blueprint is exempt from
the global check), so an expired token re-shows the page with what was typed, not a redirect."""

from __future__ import annotations

import re

from wtforms import HiddenField, ValidationError
from wtforms import StringField as PlainStringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from app.forms.base import Form
from app.forms.fields import (
    CheckboxesField,
    DateField,
    EmailField,
    RadioField,
    StringField,
    TextAreaField,
    UploadField,
    date_example,
)
from app.models.diagnostic import ACTION_STATUSES, MODES, ORDER_RULES

EXPIRED = ("This page had expired, so nothing was saved yet. What you typed is still here: "
           "check it and save again.")
MAX_TEXT = 5000


class DiagnosticForm(Form):
    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if getattr(self, "csrf_token", None) is not None and self.csrf_token.errors:
            self.csrf_token.errors = [EXPIRED]
        return ok

    @property
    def expired(self) -> bool:
        return bool(getattr(self, "csrf_token", None) is not None and self.csrf_token.errors)


class StartCycleForm(DiagnosticForm):
    cycle = StringField("Name of this cycle", [
        DataRequired("Enter a name for this cycle, like 2026 Q1"), Length(max=40),
        Regexp(r"^[\w .\-/()]+$", message="Name of this cycle can only have letters, numbers, "
                                          "spaces and . - / ( )")],
        hint="For example, 2026 Q1", filters=[lambda v: (v or "").strip()])
    mode = RadioField("How will you complete it?",
                      [DataRequired("Select how you will complete it")],
                      choices=list(MODES.items()), default="full")
    copy = RadioField("Start from the last cycle's answers?", [Optional()],
                      choices=[("yes", "Yes, copy the answers and open actions"),
                               ("no", "No, start empty")], default="yes")


def item_form(scale, quick: bool, **kwargs) -> DiagnosticForm:
    """The form for one item; quick mode asks for the rating only."""

    class ItemForm(DiagnosticForm):
        version = HiddenField()
        rating = RadioField("Rating", [DataRequired("Select a rating")],
                            choices=[(c.value, c.label) for c in scale])
        if not quick:
            offer = TextAreaField("What is in place now?", [Length(max=MAX_TEXT)],
                                  max_length=MAX_TEXT)
            evidence = TextAreaField("What evidence do you have?", [Length(max=MAX_TEXT)],
                                     max_length=MAX_TEXT)
            evidence_links = TextAreaField(
                "Links to evidence", [Length(max=MAX_TEXT)], max_length=MAX_TEXT,
                hint="One web address or document location on each line")
            gaps = TextAreaField("What gaps are there?", [Length(max=MAX_TEXT)],
                                 max_length=MAX_TEXT)

        def validate_version(self, field):
            # ASCII digits only, and short: "²" passes isdigit() but not int(), and a huge
            # number overflows the database column.
            if not re.fullmatch(r"[0-9]{1,9}", field.data or ""):
                raise ValidationError("This page is out of date: reload it and try again")

    return ItemForm(**kwargs)


class ActionForm(DiagnosticForm):
    what = TextAreaField("What will be done?", [DataRequired("Enter what will be done"),
                                                Length(max=2000)], max_length=2000)
    owner = StringField("Who owns this action?", [Length(max=200)],
                        hint="A name or a role, like Head of Occupational Health")
    due = DateField("When is it due?", [Optional()], hint=lambda: date_example(90))
    status = RadioField("Status", [DataRequired("Select the status")],
                        choices=list(ACTION_STATUSES.items()), default="not_started")


class DiscussionForm(DiagnosticForm):
    held_on = DateField("When did you discuss this element?", [Optional()],
                        hint="For example, 15 1 2026")
    notes = TextAreaField("What did you discuss?", [Length(max=MAX_TEXT)], max_length=MAX_TEXT)
    decisions = TextAreaField("What did you decide?", [Length(max=MAX_TEXT)],
                              max_length=MAX_TEXT)
    complete = PlainStringField()  # set by the button pressed: yes, no or reopen

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.complete.data == "yes":
            if self.held_on.data is None and not self.held_on.errors:
                self.held_on.errors = ["Enter the date of the discussion to mark this element "
                                       "complete"]
                ok = False
            if not (self.notes.data or "").strip():
                self.notes.errors = ["Enter what you discussed to mark this element complete"]
                ok = False
        return ok


def assignment_form(elements, contributors, **kwargs) -> DiagnosticForm:
    """One set of checkboxes per element: which contributors may edit it."""

    class AssignmentForm(DiagnosticForm):
        pass

    choices = [(str(u.id), f"{u.name} ({u.email})") for u in contributors]
    for element in elements:
        setattr(AssignmentForm, f"el_{element.id}",
                CheckboxesField(element.title, [Optional()], choices=choices))
    return AssignmentForm(**kwargs)


def plan_form(elements, **kwargs) -> DiagnosticForm:
    """A start and a due date per element, and what completing one out of order does."""

    class PlanForm(DiagnosticForm):
        out_of_order = RadioField(
            "If an organisation completes an element before an earlier one", [
                DataRequired("Select what happens when an element is completed out of order")],
            choices=list(ORDER_RULES.items()), default="warn")

        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            for element in elements:
                starts, due = self[f"el_{element.id}"], self[f"due_{element.id}"]
                if starts.data and due.data and due.data < starts.data:
                    due.errors = [f"The due date for {element.title} must be on or after "
                                  "its start date"]
                    ok = False
            return ok

    for element in elements:
        setattr(PlanForm, f"el_{element.id}", DateField(
            f"{element.title}: starts",
            [DataRequired(f"Enter a start date for {element.title}")]))
        setattr(PlanForm, f"due_{element.id}", DateField(
            f"{element.title}: due", [Optional()]))
    return PlanForm(**kwargs)


class ImportForm(DiagnosticForm):
    workbook = UploadField(
        "Workbook (.xlsx)", extension=".xlsx",
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        missing="Select a workbook to import",
        wrong_kind="The file must be an Excel workbook (.xlsx)")


class SubmitForm(DiagnosticForm):
    pass


class ReopenForm(DiagnosticForm):
    reason = TextAreaField("Why are you reopening it?", [
        DataRequired("Enter why you are reopening the diagnostic"),
        Length(max=2000, message="Enter a shorter reason (2,000 characters at most)")],
        hint="For example, to add evidence from a staff survey that has just closed. The "
             "reason goes in the audit log.")

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.nhs.uk"


def invite_form(survey_elements, **kwargs) -> DiagnosticForm:
    choices = [(e.id, e.title) for e in survey_elements]
    class InviteForm(DiagnosticForm):
        name = StringField("Full name", [DataRequired("Enter the person's name"),
                                         Length(max=200, message="Enter a shorter name")])
        email = EmailField("Email address", [
            DataRequired("Enter their email address"),
            Email(EMAIL_FORMAT, check_deliverability=False),
            Length(max=254, message="Enter a shorter email address")],
            filters=[lambda v: (v or "").strip().lower()])
        elements = CheckboxesField(
            "Which elements can they edit?", [Optional()],
            choices=choices,
            hint="You can change this later on the page for who can edit each element.")

    return InviteForm(**kwargs)

def ratings_form(items, scale, **kwargs) -> DiagnosticForm:
    """rating_<item id> (radios, a fieldset each, may be left unrated) and version_<item id>."""
    choices = [(c.value, c.label) for c in scale]

    class RatingsForm(DiagnosticForm):
        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            for item in items:
                version = self[f"version_{item.id}"]
                if not re.fullmatch(r"[0-9]{1,9}", version.data or ""):
                    self[f"rating_{item.id}"].errors = [
                        "This page is out of date: reload it and try again"]
                    ok = False
            return ok

    for number, item in enumerate(items, start=1):
        setattr(RatingsForm, f"rating_{item.id}",
                RadioField(f"{number}. {item.prompt}", [Optional()], choices=choices))
        setattr(RatingsForm, f"version_{item.id}", HiddenField())
    return RatingsForm(**kwargs)

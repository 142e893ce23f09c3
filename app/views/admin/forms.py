"""Admin forms for systems, organisations and users."""

from wtforms import ValidationError
from wtforms.validators import DataRequired, Email, Length, Regexp

from app.forms.base import Form
from app.forms.fields import CheckboxesField, EmailField, RadioField, SelectField, StringField
from app.forms.password_fields import NEW_PASSWORD_HINT, AcceptablePassword, NewPasswordField
from app.models import ORG_TYPES, ROLES
from app.webhooks import EVENTS

CODE = Regexp(r"^[A-Z0-9]{2,12}$",
              message="Code must be 2 to 12 capital letters or numbers, like RAJ or QH8")


EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.nhs.uk"


class SystemForm(Form):
    code = StringField("ICS code", [DataRequired("Enter the ICS code"), CODE],
                       hint="For example QH8", filters=[lambda v: (v or "").strip().upper()])
    name = StringField("Name", [DataRequired("Enter the name of the ICS"), Length(max=200)])


class OrganisationForm(Form):
    code = StringField("ODS code", [DataRequired("Enter the organisation's ODS code"), CODE],
                       hint="For example RAJ", filters=[lambda v: (v or "").strip().upper()])
    name = StringField("Name", [DataRequired("Enter the organisation's name"), Length(max=200)])
    type = RadioField("Type of organisation", [DataRequired("Select the type of organisation")],
                      choices=list(ORG_TYPES.items()))
    system_id = SelectField("Integrated care system", [DataRequired("Select the ICS")], coerce=str)


class UserForm(Form):
    email = EmailField("Email address", [DataRequired("Enter an email address"),
                                         Email(EMAIL_FORMAT, check_deliverability=False),
                                         Length(max=254)],
                       filters=[lambda v: (v or "").strip().lower()])
    name = StringField("Full name", [DataRequired("Enter the person's name"), Length(max=200)])
    role = RadioField("Role", [DataRequired("Select a role")], choices=list(ROLES.items()))
    organisation_id = SelectField("Organisation", coerce=str,
                                  hint="Needed for organisation leads and contributors")
    system_id = SelectField("Integrated care system", coerce=str, hint="Needed for ICS leads")
    password = NewPasswordField("Password", [AcceptablePassword(
        lambda form: [form.email.data, form.name.data], blank_keeps=True)],
        hint=NEW_PASSWORD_HINT + " Leave blank to keep the current password.")
    status = RadioField("Account", [DataRequired("Select whether this person can sign in")],
                        choices=[("active", "Active: this person can sign in"),
                                 ("deactivated", "Deactivated: this person cannot sign in")])

    def validate_organisation_id(self, field):
        if self.role.data in ("org_lead", "contributor") and not field.data:
            raise ValidationError("Select the organisation this person works for")

    def validate_system_id(self, field):
        if self.role.data == "ics_lead" and not field.data:
            raise ValidationError("Select the ICS this person leads")


class WebhookForm(Form):
    url = StringField("Address to post events to", [
        DataRequired("Enter the address to post events to"),
        Length(max=500, message="Enter an address of 500 characters or fewer")],
        hint="For example, https://example.nhs.uk/hooks/wellbeing")
    events = CheckboxesField("Which events?", [DataRequired("Select at least one event")],
                             choices=list(EVENTS.items()))


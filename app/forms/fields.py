"""WTForms fields that render NHS.UK frontend components (label, hint and error message included).

Templates write `{{ form.field }}`; extra NHS.UK parameters may be passed as keyword arguments,
e.g. `{{ form.field(page_heading=True) }}`. Values shown are always what the user typed, so a
validation error never loses an answer.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_wtf.file import FileField
from markupsafe import Markup
from wtforms import ValidationError, fields, validators
from wtforms.utils import unset_value

from app import clock
from app.components import render_component
from app.i18n import word


def date_example(days_ahead: int) -> str:
    """An example date `days_ahead` from today, typed as the day, month and year boxes take it.
    A fixed example soon lies in the past: give it as a hint worked out when the page is shown,
    `hint=lambda: date_example(28)` (a callable hint is called each time it is drawn)."""
    day = clock.today() + timedelta(days=days_ahead)
    return f"For example, {day.day} {day.month} {day.year}"


class NhsukMixin:
    """Builds the parameters every NHS.UK form component shares."""

    component = "input"
    legend = False  # True for components grouped in a fieldset (radios, checkboxes, dates)
    empty = ""  # the value of a field left out of a POST

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        # WTForms keeps the stored value when a posted form lacks the field; for us a missing
        # field is an unanswered one, so a stripped post can never re-save old values.
        if formdata is not None and not self.raw_data:
            self.data = list(self.empty) if isinstance(self.empty, list) else self.empty

    def __init__(self, label=None, validators=None, hint=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.hint = hint

    def base_params(self, page_heading=False, label_classes="", **extra) -> dict:
        text = str(self.label.text)
        heading_class = "nhsuk-label--l" if page_heading else ""
        params = {"id": self.id, "name": self.name, "attributes": extra.pop("attributes", {})}
        if self.legend:
            size = "l" if page_heading else "s"
            legend_class = f"nhsuk-fieldset__legend--{size}"
            params["fieldset"] = {"legend": {"text": text, "isPageHeading": page_heading,
                                             "classes": label_classes or legend_class}}
            params["idPrefix"] = self.id
        else:
            params["label"] = {"text": text, "isPageHeading": page_heading,
                               "classes": label_classes or heading_class}
        hint = self.hint() if callable(self.hint) else self.hint  # worked out now
        if hint:
            params["hint"] = {"text": hint}
        if self.errors:
            params["errorMessage"] = {"text": self.errors[0]}
        params.update(extra)
        return params

    def nhsuk_params(self, **kwargs) -> dict:
        return self.base_params(value=self._value(), **kwargs)

    def __call__(self, **kwargs) -> Markup:
        return render_component(self.component, self.nhsuk_params(**kwargs))


class StringField(NhsukMixin, fields.StringField):
    pass


class EmailField(NhsukMixin, fields.EmailField):
    def nhsuk_params(self, **kwargs) -> dict:
        kwargs.setdefault("autocomplete", "email")
        kwargs.setdefault("spellcheck", False)
        return super().nhsuk_params(type="email", **kwargs)


class PasswordField(NhsukMixin, fields.PasswordField):
    def nhsuk_params(self, **kwargs) -> dict:
        kwargs.setdefault("autocomplete", "current-password")
        return self.base_params(type="password", value="", **kwargs)


class IntegerField(NhsukMixin, fields.IntegerField):
    empty = None

    def process_formdata(self, valuelist):
        # A 1,000-digit number parses, then overflows NumberRange's math.isnan (a 500).
        if valuelist and len(str(valuelist[0]).strip()) > 15:
            self.data = None
            raise ValueError(f"{self.label.text} must be a whole number, like 120")
        super().process_formdata(valuelist)

    def nhsuk_params(self, **kwargs) -> dict:
        kwargs.setdefault("classes", "nhsuk-input--width-5")
        kwargs.setdefault("inputmode", "numeric")
        return super().nhsuk_params(**kwargs)


class ParsedField(NhsukMixin, fields.StringField):
    """A text box read by `parse` (text -> value); the ValueError it raises is the field's
    error. Blank is no answer. For survey numbers, whose type (app/surveys/types/) parses."""

    empty = None

    def __init__(self, label=None, validators=None, parse=None, inputmode="numeric", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parse, self.inputmode = parse, inputmode

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = self.parse(valuelist[0])
            except ValueError as error:  # the type's message, in the page's language
                raise ValueError(word(error.args[0])) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def nhsuk_params(self, **kwargs) -> dict:
        kwargs.setdefault("classes", "nhsuk-input--width-5")
        kwargs.setdefault("inputmode", self.inputmode)
        return super().nhsuk_params(**kwargs)


# Plural forms the character count's script may ask for (Intl.PluralRules); our messages put
# the number first, which needs no other form in the languages we have.
PLURALS = ("zero", "one", "two", "few", "many", "other")


def _counting() -> dict:
    """The character count's words in the page's language (the component's own are English)."""
    def every(text: str) -> dict:
        return dict.fromkeys(PLURALS, text)

    return {"textareaDescriptionText": _("You can enter up to %{count} characters"),
            "charactersUnderLimitText": every(_("You have %{count} characters remaining")),
            "charactersAtLimitText": _("You have 0 characters remaining"),
            "charactersOverLimitText": every(_("You have %{count} characters too many"))}


class TextAreaField(NhsukMixin, fields.TextAreaField):
    """A textarea; with a max_length it becomes the NHS.UK character count."""

    def __init__(self, label=None, validators=None, max_length=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.max_length = max_length

    def nhsuk_params(self, **kwargs) -> dict:
        kwargs.setdefault("rows", 5)
        if self.max_length:
            return super().nhsuk_params(maxlength=self.max_length, **_counting(), **kwargs)
        return super().nhsuk_params(**kwargs)

    def __call__(self, **kwargs) -> Markup:
        component = "character_count" if self.max_length else "textarea"
        return render_component(component, self.nhsuk_params(**kwargs))


class _ChoiceMixin(NhsukMixin):
    legend = True
    empty = None

    def choice_pairs(self) -> list[tuple[str, str]]:
        # word(): a question type's own choice ("My organisation is not listed") in the page's
        # language; a definition's choices are already in it.
        return [(str(c[0]), str(word(c[1]))) for c in self.choices or []]

    def _selected(self) -> set[str]:
        raw = self.raw_data if self.raw_data is not None else None
        if raw is not None:
            return {str(v) for v in raw}
        data = self.data if isinstance(self.data, list | tuple | set) else [self.data]
        return {str(v) for v in data if v is not None}

    def nhsuk_params(self, **kwargs) -> dict:
        chosen = self._selected()
        items = [{"value": value, "text": label, "checked": value in chosen}
                 for value, label in self.choice_pairs()]
        params = self.base_params(items=items, **kwargs)
        # The first input takes the field's id (via idPrefix); giving the wrapper the same id
        # too would point the first label at the wrapper and leave that radio without a name.
        params.pop("id", None)
        return params

    def pre_validate(self, form):
        # Our own message instead of WTForms' "Not a valid choice".
        values = {value for value, _label in self.choice_pairs()}
        if any(str(v) not in values for v in (self.raw_data or [])):
            raise validators.StopValidation(
                _("Select an answer from the list for '%(label)s'", label=self.label.text))


class RadioField(_ChoiceMixin, fields.RadioField):
    component = "radios"


class CheckboxesField(_ChoiceMixin, fields.SelectMultipleField):
    component = "checkboxes"
    empty = []


def _searching() -> dict:
    """The words of a searchable select's search box (app/static/app.js), in the page's language
    (accessible-autocomplete's own are English)."""
    return {"noResults": _("No organisations match what you typed"),
            "assistiveHint": _("When results are available use up and down arrows to review "
                               "and enter to select. Touch device users, explore by touch or "
                               "with swipe gestures."),
            "resultsOne": _("%{count} result is available."),
            "resultsOther": _("%{count} results are available."),
            "highlighted": _("%{option} %{position} of %{count} is highlighted")}


class SelectField(_ChoiceMixin, fields.SelectField):
    """A drop-down; a `searchable` one becomes a search box where scripts run (app.js), with
    the choices in `always_offered` matching whatever is typed."""

    component = "select"
    legend = False

    def __init__(self, label=None, validators=None, searchable=False, always_offered=(),
                 **kwargs):
        super().__init__(label, validators, **kwargs)
        self.searchable, self.always_offered = searchable, tuple(always_offered)

    def nhsuk_params(self, **kwargs) -> dict:
        chosen = self._selected()
        items = [{"value": "", "text": _("Choose one")}] + [
            {"value": value, "text": label, "selected": value in chosen}
            for value, label in self.choice_pairs()
        ]
        if self.searchable:
            words = {**_searching(), "always": list(self.always_offered)}
            kwargs["attributes"] = {**kwargs.get("attributes", {}),
                                    "data-app-autocomplete": json.dumps(words)}
        return self.base_params(items=items, **kwargs)

    def pre_validate(self, form):
        if self.raw_data and self.raw_data[0] == "":
            self.data = None
            return
        super().pre_validate(form)


class DateField(NhsukMixin, fields.Field):
    """Day, month and year boxes (the NHS.UK date input). Keeps what was typed on error.

    With `parse`, the parts are read by it as "year-month-day" and its ValueError is the error
    (a survey's date question words its own message)."""

    component = "date_input"
    legend = True

    def __init__(self, label=None, validators=None, parse=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parse = parse

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.raw_parts = {"day": "", "month": "", "year": ""}
        self.data = None if data is unset_value else data
        if isinstance(self.data, date):
            self.raw_parts = {"day": str(self.data.day), "month": str(self.data.month),
                              "year": str(self.data.year)}
        self.raw_data = None
        if formdata is not None:
            parts = {p: formdata.get(f"{self.name}-{p}", "").strip()[:10] for p in self.raw_parts}
            if any(parts.values()) or self.name + "-day" in formdata:
                self.raw_parts = parts
                self.raw_data = [f"{parts['year']}-{parts['month']}-{parts['day']}"]
                self.data = None
                if any(parts.values()) and self.parse is not None:
                    try:
                        self.data = self.parse(self.raw_data[0])
                    except ValueError as error:
                        self.process_errors.append(word(error.args[0]))
                elif any(parts.values()):
                    try:
                        self.data = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
                    except (ValueError, OverflowError):  # "31313131" overflows date()
                        self.process_errors.append(
                            f"{self.label.text} must be a real date, for example 27 3 2026")
                    else:
                        if not 1900 <= self.data.year <= 2200:
                            self.data = None
                            self.process_errors.append(
                                f"{self.label.text} must have a 4-digit year, like 2026")
        self.error_anchor = f"{self.id}-day"

    def _value(self):
        return self.data.isoformat() if isinstance(self.data, date) else ""

    def nhsuk_params(self, **kwargs) -> dict:
        error_class = " nhsuk-input--error" if self.errors else ""
        # Full names ("due-day"), not namePrefix: NHS.UK frontend 10 would post "due[day]",
        # which process() does not read.
        items = [
            {"name": f"{self.name}-{part}", "id": f"{self.id}-{part}",
             "label": {"text": part.capitalize()}, "value": self.raw_parts[part],
             "classes": f"nhsuk-date-input__input nhsuk-input--width-{width}" + error_class}
            for part, width in (("day", 2), ("month", 2), ("year", 4))
        ]
        params = self.base_params(items=items, **kwargs)
        params.pop("name", None)
        return params


class UploadField(FileField):
    """A file to upload, of one kind: it says which files the picker offers (`accept`) and
    refuses no file or the wrong kind with the messages given. Rendered by the
    `ui.file_upload(field)` macro (the NHS.UK frontend has no file component)."""

    def __init__(self, label, *, extension: str, accept: str, missing: str, wrong_kind: str,
                 **kwargs):
        super().__init__(label, **kwargs)
        self.extension, self.accept = extension, accept
        self.missing, self.wrong_kind = missing, wrong_kind

    def pre_validate(self, form):
        if not self.data or not getattr(self.data, "filename", ""):
            raise validators.StopValidation(self.missing)
        if not self.data.filename.lower().endswith(self.extension):
            raise ValidationError(self.wrong_kind)

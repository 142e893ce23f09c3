"""WTForms built at run time from a survey definition: one form class per page.

Each question's type describes its fields (app/surveys/types/: FieldSpec, with its messages and
checks); this module only turns a description into an NHS.UK WTForms field, by its widget.
Field names are the answer keys, except a matrix row, which is `question-row`, and a date,
whose parts are posted as `name-day` and so on.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import validators as v

from app.forms import fields as f
from app.forms.base import Form
from app.i18n import word
from app.surveys import FieldSpec, Page, Question

# (code, name, system code) of every organisation an organisation question may offer, by name.
Organisations = Sequence[tuple[str, str, str]]
CHOICE_WIDGETS = {"radios": f.RadioField, "checkboxes": f.CheckboxesField,
                  "select": f.SelectField}
STALE_PAGE = _l("This page was open for a long time, so we could not save it. "
                "Check your answers are still right and continue.")


def _strip_text(value):
    return value.strip() if isinstance(value, str) else value


class SurveyPageForm(Form):
    """A page of a survey. Validates CSRF itself, so a stale token can keep the answers."""

    questions: tuple[Question, ...] = ()
    specs: dict[str, tuple[FieldSpec, ...]] = {}  # question id -> its fields

    def validate_page(self, visible: Iterable[Question]) -> bool:
        """Validate only the visible questions: hidden ones are not required, their answers are
        dropped later, and what was typed in them stays on the page."""
        shown = {q.id for q in visible}
        skip = {spec.name for q in self.questions if q.id not in shown
                for spec in self.specs[q.id]}
        self.form_errors = []
        ok = True
        for name, field in self._fields.items():
            if name in skip:
                field.errors = []
            elif not field.validate(self):
                ok = False
        stale = "csrf_token" in self and bool(self.csrf_token.errors)
        if stale:
            self.csrf_token.errors = []
            self.form_errors.append(str(STALE_PAGE))
        raw = request.form if request.method == "POST" else None
        for question in self.questions:
            for spec in self.specs[question.id]:
                # One answer per single-answer field: a second value would be silently dropped.
                if (spec.one_only and spec.name not in skip and spec.name in self
                        and raw is not None and len(raw.getlist(spec.name)) > 1):
                    self[spec.name].errors = [word(spec.one_only)]
        return ok and not stale and not self.errors


class ResumeForm(Form):
    code = f.StringField(_l("Your resume code"),
                         [v.DataRequired(_l("Enter your resume code")),
                          v.Length(max=40, message=_l("Enter your resume code"))],
                         hint=_l("For example, 7K3M-9Q2D-XH4P"), filters=[_strip_text])


class _Answered:
    """Required: something was given. An answer that could not be read (a number, a date)
    keeps its own message, and 0 is an answer."""

    field_flags = {"required": True}

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if field.process_errors:
            raise v.StopValidation()
        data = field.data
        if data is None or data == [] or (isinstance(data, str) and not data.strip()):
            field.errors[:] = []
            raise v.StopValidation(word(self.message))


class _Check:
    """One of the type's checks, on an answer that was given and read."""

    def __init__(self, check):
        self.check = check

    def __call__(self, form, field):
        if field.data is not None and (message := self.check(field.data)):
            raise v.ValidationError(word(message))


def organisation_choices(spec: FieldSpec, organisations: Organisations
                         ) -> list[tuple[str, str]]:
    """An organisation field's choices: the organisations (of its system, if it names one), then
    the type's own ("My organisation is not listed")."""
    return [(code, name) for code, name, system in organisations
            if spec.system is None or system == spec.system] + list(spec.choices)


def _field(spec: FieldSpec, organisations: Organisations):
    checks = [_Answered(spec.required) if spec.required else v.Optional()]
    checks += [_Check(check) for check in spec.checks]
    common = {"hint": spec.hint}
    widget = spec.widget
    if widget in CHOICE_WIDGETS:
        if spec.organisations:
            # Searchable where scripts run (app.js): a national list is thousands long.
            return f.SelectField(spec.label, checks, coerce=str, searchable=True, **common,
                                 choices=organisation_choices(spec, organisations),
                                 always_offered=[value for value, _label in spec.choices])
        choices = list(spec.choices)
        return CHOICE_WIDGETS[widget](spec.label, checks, choices=choices, coerce=str, **common)
    if widget == "textarea":
        return f.TextAreaField(spec.label, checks, filters=[_strip_text],
                               max_length=spec.max_length, **common)
    if widget in ("text", "email"):
        cls = f.EmailField if widget == "email" else f.StringField
        return cls(spec.label, checks, filters=[_strip_text], **common)
    if widget in ("number", "decimal"):
        mode = "decimal" if widget == "decimal" else "numeric"
        return f.ParsedField(spec.label, checks, parse=spec.parse, inputmode=mode, **common)
    if widget == "date":
        return f.DateField(spec.label, checks, parse=spec.parse, **common)
    raise ValueError(f"no field for widget {widget!r}")


_CLASSES: OrderedDict = OrderedDict()
_CLASSES_KEPT = 256


def page_form_class(page: Page, organisations: Organisations | None = None) -> type:
    """A form class for `page`; `organisations` are what its organisation questions offer.

    Remembered per page object and organisation list: a loaded Page never changes (definitions
    are frozen snapshots), and building the class and its fields cost every request a few
    hundred microseconds. Form instances stay per request.
    """
    key = (id(page), tuple(organisations or ()))
    kept = _CLASSES.get(key)
    if kept is not None and kept[0] is page:  # the same object, not a new one at a reused id
        _CLASSES.move_to_end(key)
        return kept[1]
    cls = _build_page_form_class(page, organisations)
    _CLASSES[key] = (page, cls)
    if len(_CLASSES) > _CLASSES_KEPT:
        _CLASSES.popitem(last=False)
    return cls


def _build_page_form_class(page: Page, organisations: Organisations | None) -> type:
    specs = {q.id: q.kind.fields(q) for q in page.questions}
    attrs: dict = {"questions": page.questions, "specs": specs}
    for question in page.questions:
        for spec in specs[question.id]:
            attrs[spec.name] = _field(spec, organisations or [])
    return type(f"Page_{page.id}", (SurveyPageForm,), attrs)


def initial_data(page: Page, answers: Mapping) -> dict:
    """Stored answers as the page's field data (to show them again)."""
    data = {}
    for question in page.questions:
        for spec in question.kind.fields(question):
            value = answers.get(spec.key)
            if value is not None:
                value = question.kind.form_value(question, value)
            if value is not None:
                data[spec.name] = value
    return data


def page_answers(form: SurveyPageForm, page: Page, valid_only: bool = False) -> dict:
    """The answers on a processed form, as strings (lists for multiple choice); empties left out.

    With valid_only, fields that have errors are left out (for "save and come back later").
    """
    answers: dict = {}
    for question in page.questions:
        for spec in form.specs[question.id]:
            if spec.name not in form:
                continue
            field = form[spec.name]
            if valid_only and field.errors:
                continue
            value = field.data
            if isinstance(value, list):
                value = [str(x) for x in value if x not in (None, "")]
            elif isinstance(value, date):
                value = value.isoformat()
            elif value is not None:
                value = str(value)
            if value not in (None, "", []):
                answers[spec.key] = value
    return answers


def posted_text(page: Page, organisations: Organisations = ()) -> list[tuple[str, str]]:
    """What the respondent typed or chose on this page, from the raw POST (for a closed page):
    a choice in the words it was shown in, not its stored value."""
    shown = []
    for question in page.questions:
        for spec in question.kind.fields(question):
            words = {value: word(label) for value, label in (
                organisation_choices(spec, organisations) if spec.organisations
                else spec.choices or ())}
            values = [words.get(x.strip(), x.strip()) for x in request.form.getlist(spec.name)
                      if x.strip()]
            if spec.widget == "date":
                values = ["/".join(request.form.get(f"{spec.name}-{p}", "") for p in
                                   ("day", "month", "year")).strip("/")]
            values = [x for x in values if x]
            if values:
                shown.append((question.label, ", ".join(values)[:10000]))
    return shown

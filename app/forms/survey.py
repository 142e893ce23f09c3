"""WTForms built at run time from a survey definition: one form class per page.

Code knows question types, never questions: each type maps to one NHS.UK field. Field names are
the answer keys, except a matrix row, which is `question-row` (ids are snake_case, so the hyphen
cannot clash) and a date, whose parts are posted as `name-day` and so on.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import date

from flask import request
from wtforms import validators as v

from app.forms import fields as f
from app.forms.base import Form
from app.surveys import Page, Question, error_message

CHOICE_FIELDS = {
    "single_choice": f.RadioField, "likert": f.RadioField, "band": f.RadioField,
    "rating": f.RadioField, "multiple_choice": f.CheckboxesField, "select": f.SelectField,
    "organisation": f.SelectField,
}
STALE_PAGE = ("This page was open for a long time, so we could not save it. "
              "Check your answers are still right and continue.")


def _strip_text(value):
    return value.strip() if isinstance(value, str) else value


class SurveyPageForm(Form):
    """A page of a survey. Validates CSRF itself, so a stale token can keep the answers."""

    questions: tuple[Question, ...] = ()

    def validate_page(self, visible: Iterable[Question]) -> bool:
        """Validate only the visible questions: hidden ones are not required, their answers are
        dropped later, and what was typed in them stays on the page."""
        shown = {q.id for q in visible}
        skip = {name for q in self.questions if q.id not in shown for name in field_names(q)}
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
            self.form_errors.append(STALE_PAGE)
        for question in self.questions:
            for name in field_names(question):
                if name in self and name not in skip:
                    _tidy_errors(self[name], question)
        return ok and not stale and not self.errors


class ResumeForm(Form):
    code = f.StringField("Your resume code", [v.DataRequired("Enter your resume code"),
                                              v.Length(max=40, message="Enter your resume code")],
                         hint="For example, 7K3M-9Q2D-XH4P", filters=[_strip_text])


def _tidy_errors(field, question: Question) -> None:
    """Definition messages for parse errors, and one answer per single-answer field."""
    if question.type == "number" and field.process_errors and field.errors:
        field.errors = [error_message(question, "invalid")]
    raw = request.form.getlist(field.name) if request.method == "POST" else []
    if question.type != "multiple_choice" and len(raw) > 1:
        verb = "Enter" if question.type in ("text", "textarea", "email", "number") else "Select"
        field.errors = [f"{verb} one answer only"]


def field_names(question: Question) -> list[str]:
    if question.type == "matrix":
        return [f"{question.id}-{row.id}" for row in question.rows]
    return [question.id]


def answer_key(question: Question, name: str) -> str:
    return name.replace("-", ".", 1) if question.type == "matrix" else name


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _required(question: Question) -> list:
    if question.optional:
        return [v.Optional()]
    message = error_message(question, "required")
    return [v.DataRequired(message)] if question.type != "number" else [v.InputRequired(message)]


def _field(question: Question, label: str, organisations: list[tuple[str, str]]):
    required = _required(question)
    hint = question.hint
    kind = question.type
    if kind in CHOICE_FIELDS:
        choices = organisations if kind == "organisation" else [
            (c.value, c.label) for c in question.choices]
        return CHOICE_FIELDS[kind](label, required, hint=hint, choices=choices, coerce=str)
    if kind in ("text", "email", "textarea"):
        length = [v.Length(max=question.max_length, message=error_message(question, "too_long"))]
        if kind == "email":
            length.append(v.Email(message=error_message(question, "invalid")))
        if kind == "textarea":
            return f.TextAreaField(label, required + length, hint=hint, filters=[_strip],
                                   max_length=question.max_length)
        cls = f.EmailField if kind == "email" else f.StringField
        return cls(label, required + length, hint=hint, filters=[_strip])
    if kind == "number":
        checks = []
        if question.min is not None:
            checks.append(v.NumberRange(min=question.min,
                                        message=error_message(question, "too_small")))
        if question.max is not None:
            checks.append(v.NumberRange(max=question.max,
                                        message=error_message(question, "too_big")))
        return f.IntegerField(label, required + checks, hint=hint)
    if kind == "date":
        return f.DateField(label, required, hint=hint)
    raise ValueError(f"no field for question type {kind!r}")


_CLASSES: OrderedDict = OrderedDict()
_CLASSES_KEPT = 256


def page_form_class(page: Page, organisations: list[tuple[str, str]] | None = None) -> type:
    """A form class for `page`; `organisations` are (code, name) pairs for organisation types.

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


def _build_page_form_class(page: Page, organisations: list[tuple[str, str]] | None) -> type:
    attrs: dict = {"questions": page.questions}
    for question in page.questions:
        if question.type == "matrix":
            for row in question.rows:
                row_q = Question(question.id, "single_choice", row.label,
                                 optional=question.optional, choices=question.choices,
                                 errors={"required": question.errors.get(
                                     "required", f"Select an answer for '{row.label}'")})
                attrs[f"{question.id}-{row.id}"] = _field(row_q, row.label, [])
        else:
            attrs[question.id] = _field(question, question.label, organisations or [])
    return type(f"Page_{page.id}", (SurveyPageForm,), attrs)


def initial_data(page: Page, answers: Mapping) -> dict:
    """Stored answers as the page's field data (to show them again)."""
    data = {}
    for question in page.questions:
        for name in field_names(question):
            value = answers.get(answer_key(question, name))
            if value is None:
                continue
            if question.type == "date":
                try:
                    value = date.fromisoformat(value)
                except (TypeError, ValueError):
                    continue
            elif question.type == "number":
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    continue
            data[name] = value
    return data


def page_answers(form: SurveyPageForm, page: Page, valid_only: bool = False) -> dict:
    """The answers on a processed form, as strings (lists for multiple choice); empties left out.

    With valid_only, fields that have errors are left out (for "save and come back later").
    """
    answers: dict = {}
    for question in page.questions:
        for name in field_names(question):
            if name not in form:
                continue
            field = form[name]
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
                answers[answer_key(question, name)] = value
    return answers


def posted_text(page: Page) -> list[tuple[str, str]]:
    """What the respondent typed or chose on this page, from the raw POST (for a closed page)."""
    shown = []
    for question in page.questions:
        for name in field_names(question):
            values = [x.strip() for x in request.form.getlist(name) if x.strip()]
            if question.type == "date":
                values = ["/".join(request.form.get(f"{name}-{p}", "") for p in
                                   ("day", "month", "year")).strip("/")]
            values = [x for x in values if x]
            if values:
                shown.append((question.label, ", ".join(values)[:10000]))
    return shown

"""Reading a diagnostic workbook (the layout app/exports/diagnostic_xlsx.py writes) back in.

Everything is checked before anything is saved: one bad cell refuses the whole file, and every
problem is listed with its sheet and row, so people can fix the file and try again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app import definitions
from app.diagnostic.workbook_file import MAX_BYTES, WorkbookRefused, open_workbook, read_rows
from app.diagnostic.workbook_layout import (
    ABOUT_SHEET,
    ANSWER_COLUMNS,
    HEADER_ROW,
    HEADERS,
    READ_ONLY_SHEETS,
    sheet_titles,
)
from app.exports.cells import unneutralised
from app.models import Action, ItemAnswer
from app.models.base import utcnow
from app.models.diagnostic import ACTION_STATUSES

__all__ = ["MAX_BYTES", "WorkbookRefused", "Parsed", "parse", "apply"]

MAX_ROWS = 2000  # per sheet, under the headings
MAX_SHEET_ROWS = HEADER_ROW + MAX_ROWS
# Columns A to L are the table; a few more are read, so a heading typed beyond it is named.
MAX_SHEET_COLUMNS = 26
MAX_TEXT = 5000
REQUIRED = [h for h in HEADERS if h not in ("Sub-area", "Item")]  # these two are for reading
MAX_ERRORS = 50


@dataclass
class Parsed:
    answers: dict[str, dict] = field(default_factory=dict)  # item id -> answer fields
    actions: dict[str, list[dict]] = field(default_factory=dict)  # item id -> actions
    sheets: int = 0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Without the apostrophe the export puts before text a spreadsheet would run as a formula.
    return unneutralised(str(value).strip())


def _date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if 1900 <= parsed.year <= 2200:
            return parsed
    raise ValueError(text)


class _SheetReader:
    def __init__(self, survey, element, name: str, parsed: Parsed, errors: list[str]):
        self.survey, self.element, self.name = survey, element, name
        self.parsed, self.errors = parsed, errors
        self.items = {i.id for i in element.items()}
        self.other_items = {i.id for i in survey.items()} - self.items
        self.scale = {c.value.lower(): c.value for c in survey.rating_scale}
        self.scale.update({c.label.lower(): c.value for c in survey.rating_scale})
        self.statuses = {k: k for k in ACTION_STATUSES}
        self.statuses.update({v.lower(): k for k, v in ACTION_STATUSES.items()})

    def error(self, row: int, message: str) -> None:
        self.errors.append(f"Sheet '{self.name}', row {row}: {message}")

    def columns(self, header_row) -> dict[str, int] | None:
        found, unknown = {}, False
        for index, value in enumerate(header_row):
            text = _text(value)
            if not text:
                continue
            if text not in HEADERS:
                unknown = True
                self.error(HEADER_ROW, f"column '{text}' is not one the diagnostic uses "
                                       f"(expected {', '.join(HEADERS)})")
            found[text] = index
        missing = [h for h in REQUIRED if h not in found]
        if missing:
            self.error(HEADER_ROW, "missing column" + ("s " if len(missing) > 1 else " ")
                       + ", ".join(f"'{h}'" for h in missing))
        return None if missing or unknown else found

    def read(self, ws) -> None:
        rows = read_rows(ws, min_row=HEADER_ROW, max_row=MAX_SHEET_ROWS,
                         max_col=MAX_SHEET_COLUMNS)
        header = next(rows, None)
        if header is None:
            self.error(HEADER_ROW, "the column headings are missing")
            return
        cols = self.columns(header)
        if cols is None:
            return
        for number, row in enumerate(rows, start=HEADER_ROW + 1):
            if len(self.errors) >= MAX_ERRORS:
                return  # enough to fix first: the rest need not be read
            self.row(number, {h: (row[i] if i < len(row) else None) for h, i in cols.items()})

    def row(self, number: int, cells: dict) -> None:
        if all(_text(v) == "" for h, v in cells.items() if h not in ("Sub-area", "Item")):
            return
        item_id = _text(cells["Item id"])
        if not item_id:
            self.error(number, "enter the item id")
            return
        if item_id not in self.items:
            where = ("belongs to another element" if item_id in self.other_items
                     else "is not an item")
            self.error(number, f"'{item_id}' {where} of {self.element.title}")
            return
        answer = {"rating": self.rating(number, cells["Rating"])}
        for header, key in ANSWER_COLUMNS.items():
            answer[key] = self.text(number, header, cells[header])
        if item_id in self.parsed.answers:
            if any(answer.values()):
                self.error(number, f"'{item_id}' has answers on an earlier row already; "
                                   "give extra actions a row with only the item id and the action")
        else:
            self.parsed.answers[item_id] = answer
            self.parsed.actions.setdefault(item_id, [])
        self.action(number, item_id, cells)

    def rating(self, number: int, value) -> str | None:
        text = _text(value)
        if not text:
            return None
        if text.lower() not in self.scale:
            allowed = ", ".join(f"{c.value} ({c.label})" for c in self.survey.rating_scale)
            self.error(number, f"rating '{text}' is not on the scale: use one of {allowed}")
            return None
        return self.scale[text.lower()]

    def text(self, number: int, header: str, value) -> str:
        text = _text(value)
        if len(text) > MAX_TEXT:
            self.error(number, f"'{header}' is longer than {MAX_TEXT} characters")
        return text

    def action(self, number: int, item_id: str, cells: dict) -> None:
        what = self.text(number, "Action", cells["Action"])
        owner = self.text(number, "Action owner", cells["Action owner"])
        status_text = _text(cells["Action status"])
        try:
            due = _date(cells["Action due date"])
        except ValueError:
            self.error(number, f"action due date '{_text(cells['Action due date'])}' is not a "
                               "real date: write it like 31/03/2026")
            due = None
        if not what:
            if owner or due or status_text:
                self.error(number, "an action owner, due date or status needs the action itself")
            return
        if len(owner) > 200:
            self.error(number, "'Action owner' is longer than 200 characters")
        status = self.statuses.get(status_text.lower() or "not_started")
        if status is None:
            self.error(number, f"action status '{status_text}' is not one of "
                               + ", ".join(ACTION_STATUSES.values()))
        self.parsed.actions.setdefault(item_id, []).append(
            {"what": what, "owner": owner, "due": due, "status": status})


def parse(assessment, data: bytes) -> Parsed:
    """Check the whole workbook; WorkbookRefused lists every problem found. A submitted cycle
    takes no import, from the page or the command line, until it is reopened."""
    if assessment.submitted_at is not None:
        raise WorkbookRefused([f"{assessment.cycle} has been submitted: an organisation lead "
                               "must reopen it before anything is imported"])
    survey = definitions.for_assessment(assessment)
    wb = open_workbook(data, max_rows=MAX_SHEET_ROWS, max_columns=MAX_SHEET_COLUMNS)
    titles = sheet_titles(survey)
    by_name = {t.lower(): e for e, t in titles.items()}
    by_name.update({e.lower(): e for e in titles})
    parsed, errors, seen = Parsed(), [], {}
    try:
        for ws in wb.worksheets:
            name = ws.title
            if name.lower() == ABOUT_SHEET.lower():
                _check_about(ws, survey, errors)
                continue
            if name.lower() in {n.lower() for n in READ_ONLY_SHEETS}:
                continue  # written for reading; nothing on it is imported
            element_id = by_name.get(name.strip().lower())
            if element_id is None:
                errors.append(f"Sheet '{name}': not an element of {survey.title} (the sheets are "
                              + ", ".join(f"'{t}'" for t in titles.values()) + ")")
                continue
            if element_id in seen:
                errors.append(f"Sheet '{name}': the same element as sheet '{seen[element_id]}'")
                continue
            seen[element_id] = name
            parsed.sheets += 1
            _SheetReader(survey, survey.element(element_id), name, parsed, errors).read(ws)
            if len(errors) >= MAX_ERRORS:
                break
    finally:
        wb.close()
    if not errors and not parsed.sheets:
        errors.append("The workbook has no element sheets")
    if errors:
        raise WorkbookRefused(errors[:MAX_ERRORS])
    return parsed


def _check_about(ws, survey, errors: list[str]) -> None:
    rows = read_rows(ws, max_row=20, max_col=MAX_SHEET_COLUMNS)
    for number, row in enumerate(rows, start=1):
        if row and _text(row[0]) == "Definition" and len(row) > 1 and _text(row[1]) != survey.id:
            errors.append(f"Sheet '{ABOUT_SHEET}', row {number}: this workbook is for "
                          f"'{_text(row[1])}', but this assessment uses '{survey.id}'")


@dataclass
class Applied:
    """What an import changed: the items whose answer or actions differ from before, and the
    actions added, changed and removed (an action kept as it was keeps its id)."""

    items: set[str] = field(default_factory=set)
    added: int = 0
    changed: int = 0
    removed: int = 0

    def words(self) -> str:
        if not self.items:
            return "nothing had changed"
        parts = [f"{len(self.items)} item{'s' if len(self.items) != 1 else ''} changed"]
        for count, what in ((self.added, "added"), (self.changed, "changed"),
                            (self.removed, "removed")):
            if count:
                parts.append(f"{count} action{'s' if count != 1 else ''} {what}")
        return ", ".join(parts)


ACTION_FIELDS = ("what", "owner", "due", "status")


def _actions(assessment, item_id: str, specs: list[dict], applied: Applied) -> None:
    """The item's actions made to match the workbook's: an action with the same words is kept
    (and updated in place), then the rest are paired in order, then added or removed."""
    before = sorted((a for a in assessment.actions if a.item_id == item_id),
                    key=lambda a: a.id or 0)
    left, pairs, unmatched = list(before), [], []
    for spec in specs:
        same = next((a for a in left if a.what == spec["what"]), None)
        if same is None:
            unmatched.append(spec)
        else:
            left.remove(same)
            pairs.append((same, spec))
    pairs += list(zip(left, unmatched, strict=False))
    for action, spec in pairs:
        if any(getattr(action, k) != spec[k] for k in ACTION_FIELDS):
            for key in ACTION_FIELDS:
                setattr(action, key, spec[key])
            applied.changed += 1
            applied.items.add(item_id)
    for spec in unmatched[len(left):]:
        assessment.actions.append(Action(item_id=item_id, **spec))
        applied.added += 1
        applied.items.add(item_id)
    for action in left[len(unmatched):]:
        assessment.actions.remove(action)  # delete-orphan removes the row
        applied.removed += 1
        applied.items.add(item_id)


def apply(assessment, parsed: Parsed, user=None) -> Applied:
    """Store what was parsed (the caller records and commits). Items in the workbook take its
    answers and actions; items not in it are left alone. Says what changed."""
    applied = Applied()
    answers = assessment.answer_map()
    for item_id, values in parsed.answers.items():
        answer = answers.get(item_id)
        if answer is None:
            if not any(values.values()):
                continue  # an empty row stays unanswered
            answer = ItemAnswer(item_id=item_id, version=0)
            assessment.answers.append(answer)
        elif all(getattr(answer, k) == v for k, v in values.items()):
            continue
        for key, value in values.items():
            setattr(answer, key, value)
        # A later save based on the old version is refused, as for any other edit.
        answer.version = (answer.version or 0) + 1
        answer.updated_at = utcnow()
        answer.updated_by_id = getattr(user, "id", None)
        applied.items.add(item_id)
    for item_id in parsed.answers:
        _actions(assessment, item_id, parsed.actions.get(item_id, []), applied)
    return applied

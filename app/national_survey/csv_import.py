"""Reading an organisation's published NHS Staff Survey theme scores from a CSV file.

Columns: organisation code, year, theme, score, benchmark-group median (headings in any case and
spacing, in any order). Every line is checked before anything is stored: one bad line refuses the
whole file, and every problem is listed with its line number. A cell is only ever data: a cell
that looks like a formula (=1+1) is not a number, an organisation code or a theme, so it is
refused like any other bad cell.

Storing replaces, for each organisation and year in the file, every score stored before.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from app.extensions import db
from app.models import Organisation, record
from app.models.national_survey import StaffSurveyScore
from app.national_survey.themes import THEMES, Theme, theme_named

MAX_BYTES = 1024 * 1024  # about 20,000 lines: every trust, every theme, several years
MAX_LINES = 20_000
MAX_ERRORS = 50
# The NHS Staff Survey has reported the People Promise themes since its 2021 survey.
FIRST_YEAR = 2021
COLUMNS = ("organisation code", "year", "theme", "score", "benchmark-group median")
# A score as published: a number from 0 to 10 with at most two decimal places, digits only (no
# sign, exponent or formula).
SCORE = re.compile(r"\d{1,2}(\.\d{1,2})?")
YEAR = re.compile(r"\d{4}")


class ScoresRefused(Exception):
    """The file was not imported; `errors` says why, line by line."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ScoreRow:
    line: int
    organisation: Organisation
    year: int
    theme: Theme
    score: float
    benchmark_median: float


@dataclass
class Parsed:
    rows: list[ScoreRow] = field(default_factory=list)

    @property
    def organisations(self) -> list[str]:
        return sorted({row.organisation.code for row in self.rows})

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})


def _heading_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold())


_HEADINGS = {_heading_key(name): name for name in COLUMNS}


def shown(cell: str, limit: int = 40) -> str:
    """A cell quoted in a message: printable, and short."""
    text = "".join(c if c.isprintable() else "?" for c in cell)
    return f"'{text[:limit]}\u2026'" if len(text) > limit else f"'{text}'"


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ScoresRefused([f"The file is larger than {MAX_BYTES // 1024 // 1024} MB"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScoresRefused(["The file is not a CSV file in UTF-8: save it from your "
                             "spreadsheet as \u2018CSV UTF-8\u2019 and try again"]) from None
    if not text.strip():
        raise ScoresRefused(["The file is empty"])
    return text


class _Reader:
    def __init__(self, organisations: dict[str, Organisation], last_year: int):
        self.organisations, self.last_year = organisations, last_year
        self.errors: list[str] = []
        self.seen: dict[tuple[str, int, str], int] = {}

    def error(self, line: int, message: str) -> None:
        self.errors.append(f"Line {line}: {message}")

    def columns(self, header: list[str]) -> dict[str, int] | None:
        found: dict[str, int] = {}
        for index, cell in enumerate(header):
            name = _HEADINGS.get(_heading_key(cell))
            if name is None:
                if cell.strip():
                    self.error(1, f"the column {shown(cell)} is not one this import reads "
                                  f"(expected {', '.join(COLUMNS)})")
            elif name in found:
                self.error(1, f"the column \u2018{name}\u2019 appears twice")
            else:
                found[name] = index
        missing = [name for name in COLUMNS if name not in found]
        if missing:
            self.error(1, "missing column" + ("s " if len(missing) > 1 else " ")
                       + ", ".join(f"\u2018{name}\u2019" for name in missing))
        return None if self.errors else found

    def number(self, line: int, cell: str, what: str) -> float | None:
        if not cell:
            self.error(line, f"the {what} is missing")
            return None
        if not SCORE.fullmatch(cell) or float(cell) > 10:
            self.error(line, f"the {what} {shown(cell)} is not a score from 0 to 10, "
                             "like 6.2")
            return None
        return float(cell)

    def row(self, line: int, cells: dict[str, str]) -> ScoreRow | None:
        before = len(self.errors)
        code = cells["organisation code"].upper()
        organisation = self.organisations.get(code)
        if not code:
            self.error(line, "the organisation code is missing")
        elif organisation is None:
            self.error(line, f"no organisation has the code {shown(cells['organisation code'])}: "
                             "add the organisation first, or correct the code")
        year = int(cells["year"]) if YEAR.fullmatch(cells["year"]) else None
        if year is None or not FIRST_YEAR <= year <= self.last_year:
            self.error(line, f"the year {shown(cells['year'])} is not a survey year from "
                             f"{FIRST_YEAR} to {self.last_year}")
        theme = theme_named(cells["theme"])
        if theme is None:
            self.error(line, f"{shown(cells['theme'])} is not an NHS Staff Survey theme "
                             f"(expected one of: {'; '.join(t.name for t in THEMES)})")
        score = self.number(line, cells["score"], "score")
        median = self.number(line, cells["benchmark-group median"], "benchmark-group median")
        if len(self.errors) > before:
            return None
        key = (code, year, theme.key)
        if key in self.seen:
            self.error(line, f"repeats the score for \u2018{theme.name}\u2019, {code}, {year} "
                             f"(line {self.seen[key]})")
            return None
        self.seen[key] = line
        return ScoreRow(line, organisation, year, theme, score, median)


def parse(data: bytes, last_year: int) -> Parsed:
    """Every line of the file checked against the organisations stored now; raises
    ScoresRefused listing every problem (up to MAX_ERRORS). `last_year`: the latest survey year
    accepted (the current year)."""
    text = _text(data)
    organisations = {o.code.upper(): o for o in db.session.scalars(select(Organisation))}
    reader = _Reader(organisations, last_year)
    lines = csv.reader(io.StringIO(text, newline=""))
    parsed = Parsed()
    try:
        columns = reader.columns([cell.strip() for cell in next(lines)])
        if columns is None:
            raise ScoresRefused(reader.errors)
        for cells in lines:
            line = lines.line_num
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue
            if line > MAX_LINES + 1:
                raise ScoresRefused([f"The file has more than {MAX_LINES:,} lines of scores"])
            if len(cells) < len(columns) or any(cells[len(columns):]):
                reader.error(line, f"has {len(cells)} cells where the headings name "
                                   f"{len(columns)}")
            else:
                row = reader.row(line, {name: cells[i] for name, i in columns.items()})
                if row is not None:
                    parsed.rows.append(row)
            if len(reader.errors) >= MAX_ERRORS:
                reader.errors.append(f"Stopped after {MAX_ERRORS} problems: fix these first")
                break
    except csv.Error as exc:
        reader.error(lines.line_num, f"cannot be read as CSV ({exc})")
    if reader.errors:
        raise ScoresRefused(reader.errors)
    if not parsed.rows:
        raise ScoresRefused(["The file has no scores under its headings"])
    return parsed


def store(parsed: Parsed, actor, rows: Iterable[ScoreRow] | None = None) -> int:
    """Replace the stored scores of each organisation and year in the file with the file's, in
    the current transaction (the caller commits). `rows` is parsed.rows, perhaps wrapped in a
    progress bar. Returns how many scores were stored."""
    by_year: dict[int, set[int]] = {}
    for row in parsed.rows:
        by_year.setdefault(row.year, set()).add(row.organisation.id)
    # Lock the organisations (PostgreSQL) so two imports of the same year take turns: the
    # second then deletes what the first stored instead of colliding with it.
    ids = sorted(set().union(*by_year.values()))
    db.session.execute(select(Organisation.id).where(Organisation.id.in_(ids))
                       .with_for_update())
    for year, organisation_ids in by_year.items():
        db.session.execute(delete(StaffSurveyScore).where(
            StaffSurveyScore.year == year,
            StaffSurveyScore.organisation_id.in_(organisation_ids)))
    name = getattr(actor, "email", None) or str(actor)
    count = 0
    for row in rows if rows is not None else parsed.rows:
        db.session.add(StaffSurveyScore(
            organisation_id=row.organisation.id, year=row.year, theme=row.theme.key,
            score=row.score, benchmark_median=row.benchmark_median, imported_by=name[:254]))
        count += 1
    record("staff_survey_scores_imported", ", ".join(parsed.organisations)[:200], actor=actor,
           scores=count, years=parsed.years)
    return count

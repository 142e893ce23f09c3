"""Staff-voice results by organisation or system × band × question, always suppressed.

Every figure comes from one table per question (rows: waves, columns: bands, with totals) that
covers the whole system, protected as a whole by app.analysis.suppression. A system's results use
the latest closed wave of each of its organisations; an organisation's page for that wave shows
its row of the same table, so the two pages cannot be subtracted from each other. Results are
shown only once a wave has closed, so figures cannot be compared before and after one response.
"""

from __future__ import annotations

import random
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from app.analysis.staff_voice import ANSWERED, KIND
from app.analysis.suppression import HIDDEN, TOTAL, fewer_than, grid, percent, suppress
from app.extensions import db
from app.models import Organisation, Response, answers_table
from app.models.staff_voice import AnswerCount, BandCount, Wave
from app.surveys import BAND_CHOICES, Question, Survey

BAND_LABELS = {c.value: c.label for c in BAND_CHOICES}
ALL_BANDS = "All bands"


@dataclass
class Cell:
    label: str  # "Band 2" or "All bands"
    shown: bool
    n: int | None = None  # group size, only when shown
    values: list[tuple[str, int, int]] = field(default_factory=list)  # label, count, percent
    rate: int | None = None  # response rate %, only when shown and a headcount was given

    @property
    def band(self) -> str:
        return self.label


@dataclass
class QuestionResult:
    question: Question
    cells: list[Cell]
    comments: list[str] | None = None  # free text, shown only for big enough groups


@dataclass
class Results:
    survey: Survey
    scope: str
    waves: list[Wave]
    min_size: int
    respondents: list[Cell]
    questions: list[QuestionResult]
    comments_allowed: bool

    @property
    def hidden_text(self) -> str:
        return HIDDEN


_SUPPRESSED: OrderedDict = OrderedDict()
_SUPPRESSED_LOCK = threading.Lock()
SUPPRESSED_KEPT = 2048


def suppressed_cells(table: dict, min_size: int) -> set:
    """suppress(), remembered by the table's exact contents. suppress is a pure function of the
    table, so a remembered answer is the answer: a new count anywhere is a different key. With
    200 organisations a system table takes a second or more to suppress, once per question."""
    key = (min_size, frozenset(table.items()))
    with _SUPPRESSED_LOCK:
        hidden = _SUPPRESSED.get(key)
        if hidden is not None:
            _SUPPRESSED.move_to_end(key)
    if hidden is None:
        hidden = frozenset(suppress(table, min_size))
        with _SUPPRESSED_LOCK:
            _SUPPRESSED[key] = hidden
            if len(_SUPPRESSED) > SUPPRESSED_KEPT:
                _SUPPRESSED.popitem(last=False)
    return set(hidden)


class Frame:
    """The kept counts of a set of waves: rows of every table."""

    def __init__(self, waves: list[Wave], survey: Survey):
        self.waves = waves
        self.survey = survey
        self.rows = [str(w.id) for w in waves]
        self.cols = list(survey.audience_bands)
        ids = [w.id for w in waves]
        self.bands: dict = defaultdict(int)
        self.answers: dict = defaultdict(int)
        if ids:  # plain rows, not ORM objects: a system's frame is tens of thousands of rows
            for wave_id, band, n in db.session.execute(select(
                    BandCount.wave_id, BandCount.band, BandCount.n)
                    .where(BandCount.wave_id.in_(ids))):
                self.bands[(str(wave_id), band)] += n
            for wave_id, band, question_id, value, n in db.session.execute(select(
                    AnswerCount.wave_id, AnswerCount.band, AnswerCount.question_id,
                    AnswerCount.value, AnswerCount.n).where(AnswerCount.wave_id.in_(ids))):
                self.answers[(str(wave_id), band, question_id, value)] += n

    def suppressed(self, question_id: str | None, min_size: int) -> tuple[dict, set]:
        """(table, hidden cells), worked out once per frame: every organisation's results in a
        system share the system's table, and suppressing it is the costly part."""
        cache = self.__dict__.setdefault("_suppressed", {})
        if (question_id, min_size) not in cache:
            table = self.table(question_id)
            cache[(question_id, min_size)] = (table, suppressed_cells(table, min_size))
        return cache[(question_id, min_size)]

    def table(self, question_id: str | None) -> dict:
        if question_id is None:
            inner = {(r, c): self.bands[(r, c)] for r in self.rows for c in self.cols}
        else:
            inner = {(r, c): self.answers[(r, c, question_id, ANSWERED)]
                     for r in self.rows for c in self.cols}
        return grid(self.rows, self.cols, inner)

    def value_count(self, row: str, col: str, question_id: str, value: str) -> int:
        rows = self.rows if row == TOTAL else [row]
        cols = self.cols if col == TOTAL else [col]
        return sum(self.answers[(r, c, question_id, value)] for r in rows for c in cols)


def latest_closed_waves(org_ids: list[int], survey_id: str, today: date) -> list[Wave]:
    # The query only narrows (a lead may close a wave early); Wave.state decides what is closed,
    # and the latest is the one that stopped taking responses last.
    waves = db.session.scalars(select(Wave).where(
        Wave.organisation_id.in_(org_ids), Wave.survey_id == survey_id,
        or_(Wave.closes_on < today, Wave.closed_early_on <= today)))
    closed = [w for w in waves if w.state(today) == "closed"]
    latest: dict[int, Wave] = {}
    for wave in sorted(closed, key=lambda w: (w.last_day, w.id), reverse=True):
        latest.setdefault(wave.organisation_id, wave)
    return sorted(latest.values(), key=lambda w: w.id)


def _system_org_ids(org: Organisation) -> list[int]:
    if org.system_id is None:
        return [org.id]
    return list(db.session.scalars(select(Organisation.id)
                                   .where(Organisation.system_id == org.system_id)))


def _cells(frame: Frame, row: str, table: dict, hidden: set, question: Question | None,
           headcounts: dict[str, int] | None = None) -> list[Cell]:
    cells = []
    for col in [*frame.cols, TOTAL]:
        label = ALL_BANDS if col == TOTAL else BAND_LABELS.get(col, col)
        if (row, col) in hidden:
            cells.append(Cell(label, False))
            continue
        n = table[(row, col)]
        cell = Cell(label, True, n)
        if question is not None and question.qtype.has_values:
            cell.values = [(c.label, k, percent(k, n)) for c in question.choices
                           for k in [frame.value_count(row, col, question.id, c.value)]]
        if headcounts:
            staff = (sum(headcounts.get(b, 0) for b in frame.cols)
                     if col == TOTAL and all(b in headcounts for b in frame.cols)
                     else headcounts.get(col))
            cell.rate = percent(n, staff) if staff else None
        cells.append(cell)
    return cells


def _comments(frame: Frame, rows: list[str], question: Question) -> list[str]:
    ids = [int(r) for r in rows]
    if not ids:
        return []
    texts = list(db.session.scalars(
        select(answers_table.c.value).join(Response, Response.id == answers_table.c.response_id)
        .where(Response.wave_id.in_(ids), Response.kind == KIND,
               answers_table.c.question_id == question.id)))
    random.SystemRandom().shuffle(texts)  # never in the order they arrived
    return texts


def _results(frame: Frame, row: str, scope: str, headcounts: dict | None) -> Results:
    survey = frame.survey
    min_size = survey.min_group_size
    people, people_hidden = frame.suppressed(None, min_size)
    # Free text only from waves whose own respondents are at least twice the minimum, so a
    # system's comments minus an organisation's never isolate a small group's words.
    speaking = [r for r in frame.rows if (r, TOTAL) not in people_hidden
                and people[(r, TOTAL)] >= 2 * min_size and (row == TOTAL or r == row)]
    questions = []
    for question in survey.questions():
        if question.type == "band":
            continue
        table, hidden = frame.suppressed(question.id, min_size)
        result = QuestionResult(question, _cells(frame, row, table, hidden, question))
        if question.type in ("textarea", "text"):
            result.comments = _comments(frame, speaking, question)
        questions.append(result)
    return Results(survey, scope, frame.waves, min_size,
                   _cells(frame, row, people, people_hidden, None, headcounts), questions,
                   comments_allowed=bool(speaking))


def wave_results(wave: Wave, survey: Survey, today: date,
                 memo: dict | None = None) -> Results | None:
    """An organisation's results for a closed wave (None while it is open).

    A caller asking for many organisations at once (the ICS compilation) passes one `memo` dict
    for the whole job, so the system's frame is read once, not once per organisation.
    """
    if wave.state(today) != "closed":
        return None
    from app.staff_voice.waves import headcounts

    memo = {} if memo is None else memo
    if ("results", wave.id) in memo:
        return memo[("results", wave.id)]
    system_key = ("system", wave.organisation.system_id, wave.survey_id)
    if system_key not in memo:
        memo[system_key] = latest_closed_waves(_system_org_ids(wave.organisation),
                                               wave.survey_id, today)
    system = memo[system_key]
    waves = system if wave in system else [wave]
    frame_key = ("frame", tuple(w.id for w in waves))
    if frame_key not in memo:
        memo[frame_key] = Frame(waves, survey)
    result = _results(memo[frame_key], str(wave.id), wave.organisation.name, headcounts(wave))
    memo[("results", wave.id)] = result
    return result


def system_results(org_ids: list[int], survey: Survey, scope: str, today: date) -> Results:
    """A system's results: each organisation's latest closed wave, added together."""
    from app.staff_voice.waves import headcounts

    waves = latest_closed_waves(org_ids, survey.id, today)
    counts: dict[str, int] = {}
    per_wave = [headcounts(w) for w in waves]
    for band in survey.audience_bands:
        if per_wave and all(band in h for h in per_wave):
            counts[band] = sum(h[band] for h in per_wave)
    return _results(Frame(waves, survey), TOTAL, scope, counts)


def responses_so_far(wave: Wave, min_size: int) -> str:
    """While a wave is open, only how many have answered (never by band)."""
    n = sum(db.session.scalars(select(BandCount.n).where(BandCount.wave_id == wave.id)))
    return fewer_than(min_size) if n < min_size else f"{n} responses"

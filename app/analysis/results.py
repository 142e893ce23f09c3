"""Staff-voice results by organisation or system × band × question, always suppressed.

Every figure comes from one table per question (rows: waves, columns: bands, with totals) that
covers the whole system, protected as a whole by app.analysis.suppression. A system's results use
the latest closed wave of each of its organisations; an organisation's page for that wave shows
its row of the same table, so the two pages cannot be subtracted from each other. Results are
shown only once a wave has closed, so figures cannot be compared before and after one response.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select

from app.analysis import comments as free_text
from app.analysis.staff_voice import ANSWERED
from app.analysis.suppression import HIDDEN, TOTAL, fewer_than, grid, percent, suppress
from app.extensions import db
from app.models import Organisation
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
    # Free text, only for big enough groups and only when asked for: a random sample, and how
    # many comments there are in all (the "all comments" page lists every one).
    comments: list[str] | None = None
    comment_count: int = 0
    comment_counts: dict[int, int] = field(default_factory=dict)  # wave id -> comments


@dataclass
class Results:
    survey: Survey
    scope: str
    waves: list[Wave]
    min_size: int
    respondents: list[Cell]
    questions: list[QuestionResult]
    comments_allowed: bool  # some wave has enough respondents to show comments
    comment_waves: list[int] = field(default_factory=list)  # allowed and text not yet deleted
    free_text_days: int | None = None  # the survey's retention period for free text

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
    """The kept counts of a set of waves: rows of every table.

    Every table (and so suppression) needs only the ANSWERED counts of every wave; the counts
    of each answer are read only for the waves whose figures are shown, when first asked for:
    an organisation's page in a 200-organisation system reads one wave's, not 200.
    """

    def __init__(self, waves: list[Wave], survey: Survey):
        self.waves = waves
        self.survey = survey
        self.rows = [str(w.id) for w in waves]
        self.cols = list(survey.audience_bands)
        ids = [w.id for w in waves]
        self.bands: dict = defaultdict(int)
        self.answers: dict = defaultdict(int)
        self._valued: set[str] = set()  # rows whose answer values have been read
        if ids:  # plain rows, not ORM objects: a system's frame is tens of thousands of rows
            for wave_id, band, n in db.session.execute(select(
                    BandCount.wave_id, BandCount.band, BandCount.n)
                    .where(BandCount.wave_id.in_(ids))):
                self.bands[(str(wave_id), band)] += n
            c = AnswerCount.__table__.c
            self._read(c.wave_id.in_(ids), c.value == ANSWERED)

    def _read(self, *where) -> None:
        c = AnswerCount.__table__.c  # Core rows: the ORM's result handling costs more here
        for wave_id, band, question_id, value, n in db.session.connection().execute(select(
                c.wave_id, c.band, c.question_id, c.value, c.n).where(*where)):
            self.answers[(str(wave_id), band, question_id, value)] += n

    def _values_of(self, rows: list[str]) -> None:
        wanted = [int(r) for r in rows if r not in self._valued]
        if wanted:
            c = AnswerCount.__table__.c
            self._read(c.wave_id.in_(wanted), c.value != ANSWERED)
            self._valued.update(str(r) for r in wanted)

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
        if row not in self._valued:
            self._values_of(rows)
            self._valued.add(row)  # TOTAL too, once every row is read
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


FREE_TEXT = ("textarea", "text")


def _results(frame: Frame, row: str, scope: str, headcounts: dict | None, today: date,
             comments: int = 0) -> Results:
    """`comments`: how many comments to sample per free-text question (0: none are read, for
    outputs that do not show them)."""
    survey = frame.survey
    min_size = survey.min_group_size
    people, people_hidden = frame.suppressed(None, min_size)
    # Free text only from waves whose own respondents are at least twice the minimum, so a
    # system's comments minus an organisation's never isolate a small group's words.
    speaking = [r for r in frame.rows if (r, TOTAL) not in people_hidden
                and people[(r, TOTAL)] >= 2 * min_size and (row == TOTAL or r == row)]
    by_row = {str(w.id): w for w in frame.waves}
    kept = [int(r) for r in speaking if free_text.retained(by_row[r], survey, today)]
    questions = []
    for question in survey.questions():
        if question.type == "band":
            continue
        table, hidden = frame.suppressed(question.id, min_size)
        result = QuestionResult(question, _cells(frame, row, table, hidden, question))
        if question.type in FREE_TEXT:  # counted from the kept counts: nothing read yet
            result.comment_counts = {w: sum(frame.answers[(str(w), c, question.id, ANSWERED)]
                                            for c in frame.cols) for w in kept}
            result.comment_count = sum(result.comment_counts.values())
        if question.type in FREE_TEXT and comments:
            result.comments = free_text.sample(
                {w: (n, sum(frame.bands[(str(w), c)] for c in frame.cols))
                 for w, n in result.comment_counts.items()}, question.id, comments)
        questions.append(result)
    return Results(survey, scope, frame.waves, min_size,
                   _cells(frame, row, people, people_hidden, None, headcounts), questions,
                   comments_allowed=bool(speaking), comment_waves=kept,
                   free_text_days=survey.retention.free_text_days)


def wave_results(wave: Wave, survey: Survey, today: date, memo: dict | None = None,
                 comments: int = 0) -> Results | None:
    """An organisation's results for a closed wave (None while it is open), with a random
    sample of `comments` comments per free-text question (none are read when 0).

    A caller asking for many organisations at once (the ICS compilation) passes one `memo` dict
    for the whole job, so the system's frame is read once, not once per organisation.
    """
    if wave.state(today) != "closed":
        return None
    from app.staff_voice.waves import headcounts

    memo = {} if memo is None else memo
    if ("results", wave.id, comments) in memo:
        return memo[("results", wave.id, comments)]
    system_key = ("system", wave.organisation.system_id, wave.survey_id)
    if system_key not in memo:
        memo[system_key] = latest_closed_waves(_system_org_ids(wave.organisation),
                                               wave.survey_id, today)
    system = memo[system_key]
    waves = system if wave in system else [wave]
    frame_key = ("frame", tuple(w.id for w in waves))
    if frame_key not in memo:
        memo[frame_key] = Frame(waves, survey)
    result = _results(memo[frame_key], str(wave.id), wave.organisation.name, headcounts(wave),
                      today, comments)
    memo[("results", wave.id, comments)] = result
    return result


def system_results(org_ids: list[int], survey: Survey, scope: str, today: date,
                   comments: int = 0, memo: dict | None = None) -> Results:
    """A system's results: each organisation's latest closed wave, added together (`comments`
    and `memo` as for wave_results)."""
    from app.staff_voice.waves import headcounts

    memo = {} if memo is None else memo
    waves = latest_closed_waves(org_ids, survey.id, today)
    counts: dict[str, int] = {}
    per_wave = [headcounts(w) for w in waves]
    for band in survey.audience_bands:
        if per_wave and all(band in h for h in per_wave):
            counts[band] = sum(h[band] for h in per_wave)
    frame_key = ("frame", tuple(w.id for w in waves))
    if frame_key not in memo:
        memo[frame_key] = Frame(waves, survey)
    return _results(memo[frame_key], TOTAL, scope, counts, today, comments)


def responses_so_far(wave: Wave, min_size: int) -> str:
    """While a wave is open, only how many have answered (never by band)."""
    n = sum(db.session.scalars(select(BandCount.n).where(BandCount.wave_id == wave.id)))
    return fewer_than(min_size) if n < min_size else f"{n} responses"

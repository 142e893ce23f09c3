"""Staff-voice results by organisation or system x band x question, read from releases.

Every figure a person sees comes from an immutable release (app/analysis/releases.py): a wave's
own, made when it closed, or its system's, over each organisation's latest closed wave. So what
a page showed yesterday it shows today, and the disclosure audit has checked everything shown
together. Results appear only once a wave has closed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import select

from app.analysis import comments as free_text
from app.analysis.releases import (
    ALL,
    latest_published,
    release_system,
    release_wave,
    wave_releases,
)
from app.analysis.staff_voice import ANSWERED
from app.analysis.suppression import HIDDEN, fewer_than
from app.extensions import db
from app.formatting import percent
from app.models.release import HELD, PUBLISHED, Release, ReleaseFigure
from app.models.staff_voice import BandCount, Wave, WaveState
from app.staff_voice.closing import latest_closed_waves
from app.staff_voice.waves import headcounts
from app.surveys import BAND_LABELS, Question, Survey

ALL_BANDS = "All bands"


@dataclass
class Cell:
    label: str  # "Band 2", a role group's label (app/surveys/bands.py) or "All bands"
    shown: bool
    n: int | None = None  # group size, only when shown
    # label, count, percent; count and percent None where the answers are hidden while how
    # many answered is shown (a hidden group must not be shown to have answered as one)
    values: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    rate: int | None = None  # response rate %, only when shown and a headcount was given

    @property
    def answers_hidden(self) -> bool:
        return any(count is None for _, count, _ in self.values)

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
    note: str = ""  # why more is hidden than the small groups, or why new figures are held

    @property
    def hidden_text(self) -> str:
        return HIDDEN


_FIGURES_LOCK = threading.Lock()
FIGURES_KEPT = 1024


def figures_of(release: Release) -> dict[tuple[str, str, str], int | None]:
    """{(band, question key, value): n or None when hidden}. A release never changes, so what
    was read once is kept, per app (an ICS compilation reads one per organisation)."""
    kept: OrderedDict = current_app.extensions.setdefault("staff_voice_releases", OrderedDict())
    with _FIGURES_LOCK:
        found = kept.get((release.id, release.stamp))
        if found is not None:
            kept.move_to_end((release.id, release.stamp))
            return found
    c = ReleaseFigure.__table__.c
    found = {(b, q, v): n for b, q, v, n in db.session.connection().execute(
        select(c.band, c.question_id, c.value, c.n).where(c.release_id == release.id))}
    with _FIGURES_LOCK:
        kept[(release.id, release.stamp)] = found
        if len(kept) > FIGURES_KEPT:
            kept.popitem(last=False)
    return found


def _cells(survey: Survey, figures: dict, key: str, value: str, question: Question | None,
           headcounts: dict[str, int] | None = None) -> list[Cell]:
    cells = []
    bands = list(survey.audience_bands)
    for band in [*bands, ALL]:
        label = ALL_BANDS if band == ALL else BAND_LABELS.get(band, band)
        n = figures.get((band, key, value))
        if n is None:
            cells.append(Cell(label, False))
            continue
        cell = Cell(label, True, n)
        if question is not None and question.kind.has_values:
            cell.values = [(c.label, k, None if k is None else percent(k, n))
                           for c in question.choices
                           for k in [figures.get((band, key, c.value))]]
        if headcounts:
            staff = (sum(headcounts.get(b, 0) for b in bands)
                     if band == ALL and all(b in headcounts for b in bands)
                     else headcounts.get(band))
            cell.rate = percent(n, staff) if staff else None
        cells.append(cell)
    return cells


def _results(survey: Survey, release: Release | None, waves: list[Wave], scope: str,
             headcounts: dict | None, today: date, comments: int = 0,
             note: str = "") -> Results:
    """Results read from a release (every cell hidden when there is none). `comments`: how
    many comments to sample per free-text question (0: none are read, for outputs that do not
    show them). Comments come only from waves whose own release shows at least twice the
    minimum respondents, and as many as that release shows answered the question."""

    figures = figures_of(release) if release is not None and release.status == PUBLISHED else {}
    min_size = release.min_group_size if release is not None else max(11, survey.min_group_size)
    own = {w: figures_of(r) for w, r in wave_releases(waves, today).items()}
    speaking = [w for w in waves if (own[w.id].get((ALL, "", "")) or 0) >= 2 * min_size]
    kept = [w for w in speaking if free_text.retained(w, survey, today)]
    questions = []
    for question in survey.questions():
        if question.kind.groups_respondents:  # the band: every cell is one
            continue
        result = QuestionResult(question, _cells(survey, figures, question.id, ANSWERED,
                                                 question))
        if question.kind.is_free_text:
            result.comment_counts = {w.id: n for w in kept if (
                n := own[w.id].get((ALL, question.id, ANSWERED)))}
            result.comment_count = sum(result.comment_counts.values())
        if question.kind.is_free_text and comments:
            sizes = {w.id: own[w.id].get((ALL, "", "")) or 0 for w in kept}
            result.comments = free_text.sample(
                {w: (n, sizes[w]) for w, n in result.comment_counts.items()}, question.id,
                comments)
        questions.append(result)
    return Results(survey, scope, waves, min_size,
                   _cells(survey, figures, "", "", None, headcounts), questions,
                   comments_allowed=bool(speaking), comment_waves=[w.id for w in kept],
                   free_text_days=survey.retention.free_text_days,
                   note=note or (release.note if release is not None else ""))


def wave_results(wave: Wave, survey: Survey, today: date, memo: dict | None = None,
                 comments: int = 0) -> Results | None:
    """An organisation's results for a closed wave (None while it is open), read from the
    wave's release, with a random sample of `comments` comments per free-text question."""
    if wave.state(today) is not WaveState.CLOSED:
        return None
    memo = {} if memo is None else memo
    if ("results", wave.id, comments) not in memo:
        memo[("results", wave.id, comments)] = _results(
            survey, release_wave(wave, survey, today), [wave], wave.organisation.name,
            headcounts(wave), today, comments)
    return memo[("results", wave.id, comments)]


def system_results(org_ids: list[int], survey: Survey, scope: str, today: date,
                   comments: int = 0, memo: dict | None = None) -> Results:
    """A system's results: its release over each organisation's latest closed wave. If that
    release is held, the latest published one is shown, with why (`comments`, `memo` as for
    wave_results)."""
    memo = {} if memo is None else memo
    if ("system", survey.id, comments) in memo:
        return memo[("system", survey.id, comments)]
    waves = latest_closed_waves(org_ids, survey.id, today)
    release, note = None, ""
    if waves:
        release = release_system(waves[0].organisation, survey, waves, today)
        if release.status == HELD:
            note = release.note
            release = latest_published(release.scope, survey.id)
            waves = _waves(release) if release else []
    counts: dict[str, int] = {}
    per_wave = [headcounts(w) for w in waves]
    for band in survey.audience_bands:
        if per_wave and all(band in h for h in per_wave):
            counts[band] = sum(h[band] for h in per_wave)
    result = _results(survey, release, waves, scope, counts, today, comments, note)
    memo[("system", survey.id, comments)] = result
    return result


def _waves(release: Release) -> list[Wave]:
    return list(db.session.scalars(select(Wave).where(Wave.id.in_(release.wave_ids))
                                   .order_by(Wave.id)))


def responses_so_far(wave: Wave, min_size: int) -> str:
    """While a wave is open, only how many have answered (never by band), under the larger of
    the caller's threshold and the one the wave launched with."""
    min_size = max(min_size, wave.min_group_size or 0)
    n = sum(db.session.scalars(select(BandCount.n).where(BandCount.wave_id == wave.id)))
    return fewer_than(min_size) if n < min_size else f"{n} responses"

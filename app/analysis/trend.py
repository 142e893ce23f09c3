"""A band's result across an organisation's waves of one survey: for each question with a
positive answer, the share who gave one, wave by wave, read from each wave's own release.

Only released figures: a cell hidden in a wave's release (or shown without its answers) stays
hidden here, so the trend shows nothing a wave's own results page did not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.analysis.evidence import POSITIVE, counts_of, positive_share, usable
from app.analysis.results import wave_results
from app.definitions import for_wave
from app.extensions import db
from app.formatting import period
from app.models.staff_voice import Wave, WaveState
from app.surveys import Question


@dataclass(frozen=True)
class Point:
    """One band in one wave: the positive share of those who answered, when shown."""

    n: int | None = None
    share: int | None = None

    @property
    def shown(self) -> bool:
        return self.share is not None


@dataclass(frozen=True)
class QuestionTrend:
    question: Question  # as the latest of the waves asked it
    waves: tuple[str, ...]  # each wave's dates, oldest first
    bands: tuple[str, ...]  # band labels, then "All bands"
    points: dict[tuple[int, str], Point]  # (wave's place in `waves`, band) -> point

    @property
    def positive(self) -> str:
        """What the share counts: "strongly agree or agree"."""
        return " or ".join(c.label.lower() for c in self.question.choices
                           if c.value in POSITIVE)

    def point(self, wave: int, band: str) -> Point:
        return self.points.get((wave, band), Point())


def waves_up_to(wave: Wave, today) -> list[Wave]:
    """The organisation's closed waves of this survey that closed no later than this one."""
    found = db.session.scalars(select(Wave).where(
        Wave.organisation_id == wave.organisation_id, Wave.survey_id == wave.survey_id,
        Wave.opens_on <= wave.last_day))
    return sorted((w for w in found if w.state(today) is WaveState.CLOSED
                   and (w.last_day, w.id) <= (wave.last_day, wave.id)),
                  key=lambda w: (w.last_day, w.id))


def trend(wave: Wave, today, memo: dict | None = None) -> list[QuestionTrend]:
    """Per question with a positive answer, each band's share across the waves up to this
    one; nothing while there is only one wave."""
    waves = waves_up_to(wave, today)
    if len(waves) < 2 or wave.state(today) is not WaveState.CLOSED:
        return []
    memo = {} if memo is None else memo
    read = [(period(w.opens_on, w.last_day), wave_results(w, for_wave(w), today, memo))
            for w in waves]
    latest = read[-1][1]
    out = []
    for current in latest.questions:
        question = current.question
        if not any(c.value in POSITIVE for c in question.choices):
            continue
        points = {}
        for place, (_, results) in enumerate(read):
            asked = next((qr for qr in results.questions if qr.question.id == question.id),
                         None)
            for cell in asked.cells if asked else []:
                if usable(cell):
                    share = positive_share(asked.question, counts_of(asked.question, cell),
                                           cell.n or 0)
                    points[(place, cell.label)] = Point(cell.n, share)
        out.append(QuestionTrend(question, tuple(d for d, _ in read),
                                 tuple(c.label for c in current.cells), points))
    return out

"""Which staff-survey waves count as evidence for an assessment: every wave that closed in the
12 months up to the assessment's end.

An organisation's current (latest started) assessment ends today; an older one ends the day the
next one was started, so a board report of last year's cycle keeps last year's evidence. An
organisation with no assessment (an ICS row) gets the 12 months up to today. Every wave in the
window counts, not only the latest: a later, smaller wave adds to the evidence and never wipes
it (app/analysis/evidence.py pools what each wave's own release shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.clock import local
from app.extensions import db
from app.formatting import long_date
from app.models import Assessment, Organisation
from app.models.staff_voice import Wave, WaveState

MONTHS = 12


@dataclass(frozen=True)
class Window:
    first: date
    last: date
    until: str = "today"  # what ends it: "today", or the next assessment

    def holds(self, wave: Wave, today: date) -> bool:
        """Closed (so its release is out) and its last day inside the window."""
        return (wave.state(today) is WaveState.CLOSED
                and self.first <= wave.last_day <= self.last)

    @property
    def text(self) -> str:
        """One line for pages and board outputs."""
        return (f"Evidence from every staff survey that closed between {long_date(self.first)} "
                f"and {long_date(self.last)}: the {MONTHS} months up to {self.until}.")


def year_before(day: date) -> date:
    """The first day of the 12 months that end on `day` (29 February counts from 1 March)."""
    try:
        start = day.replace(year=day.year - 1)
    except ValueError:  # 29 February: a year earlier has none
        start = date(day.year - 1, 2, 28)
    return start + timedelta(days=1)


def window_for(org: Organisation, assessment: Assessment | None, today: date) -> Window:
    if assessment is None or assessment.created_at is None:
        return Window(year_before(today), today)
    later = db.session.scalar(select(Assessment).where(
        Assessment.organisation_id == org.id, Assessment.id != assessment.id,
        (Assessment.created_at > assessment.created_at)
        | ((Assessment.created_at == assessment.created_at) & (Assessment.id > assessment.id)))
        .order_by(Assessment.created_at, Assessment.id).limit(1))
    if later is None:
        return Window(year_before(today), today)
    end = min(local(later.created_at).date(), today)
    return Window(year_before(end), end,
                  f"the day the \u201c{later.cycle}\u201d assessment was started")


def waves_in(org_id: int, window: Window, today: date) -> list[Wave]:
    """The organisation's waves in the window, oldest first. The query only narrows (a wave
    is closed early only while open, so its last day lies between its two dates);
    Window.holds decides."""
    waves = db.session.scalars(select(Wave).where(
        Wave.organisation_id == org_id, Wave.opens_on <= window.last,
        Wave.closes_on >= window.first))
    return sorted((w for w in waves if window.holds(w, today)),
                  key=lambda w: (w.last_day, w.id))

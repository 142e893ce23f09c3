"""Releases due by date, for `flask staff-voice publish` (run it nightly) and the data
generators that publish as closing would.

"Close this wave now" publishes the wave's release and its system's next one at once
(app/analysis/__init__.py). A wave that closes at the end of its last day sends nothing: its
releases would be made by the first page that needs them. In a large system whose waves all close
on one day, that first page would audit every wave inline, for minutes, past the server's
timeout. The nightly run makes them first, so pages only read releases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from app.analysis.releases import find, release_system, release_wave, scope_of, waves_key
from app.definitions import Survey, for_wave, get_survey
from app.extensions import db
from app.models import Organisation, System
from app.models.release import HELD, Release
from app.models.staff_voice import Wave, WaveState
from app.staff_voice.closing import latest_closed_waves

# (items, label) -> a context giving the items back: click.progressbar on the command line.
Progress = Callable[[list, str], AbstractContextManager[Iterable]]


def _quietly(items: list, label: str) -> AbstractContextManager[Iterable]:
    return nullcontext(items)


def _closed(day: date) -> list[Wave]:
    """Closed waves in id order, each with its organisation and that one's system loaded."""
    waves = db.session.scalars(select(Wave).options(
        joinedload(Wave.organisation).joinedload(Organisation.system)
        .selectinload(System.organisations)).where(
        or_(Wave.closes_on < day, Wave.closed_early_on <= day)).order_by(Wave.id))
    return [w for w in waves.unique() if w.state(day) is WaveState.CLOSED]


def wave_releases_due(closed: list[Wave]) -> list[Wave]:
    """Of these closed waves, those without a release of their own."""
    made = set(db.session.scalars(select(Release.waves_key).where(Release.kind == "wave")))
    return [w for w in closed if waves_key([w.id]) not in made]


def system_releases_due(closed: list[Wave], day: date) \
        -> list[tuple[Organisation, Survey, list[Wave]]]:
    """(an organisation, the survey, the waves) of each system (or organisation in none) with
    one of these closed waves whose latest closed waves have no system release yet."""
    due, seen = [], set()
    for wave in closed:
        org = wave.organisation
        if (scope_of(org), wave.survey_id) in seen:
            continue
        seen.add((scope_of(org), wave.survey_id))
        org_ids = [o.id for o in org.system.organisations] if org.system else [org.id]
        waves = latest_closed_waves(org_ids, wave.survey_id, day)
        if find("system", scope_of(org), wave.survey_id, [w.id for w in waves]) is None:
            survey = get_survey(wave.survey_id, kind="staff_voice") or for_wave(wave)
            due.append((org, survey, waves))
    return due


@dataclass(frozen=True)
class Published:
    waves: int
    systems: int
    held: int


def publish_due(day: date, progress: Progress = _quietly) -> Published:
    """Make every release due on `day`: each closed wave's own, then each system's. Both lists
    are found before any is made: making one commits, which would expire the loaded waves."""
    closed = _closed(day)
    waves, systems = wave_releases_due(closed), system_releases_due(closed, day)
    held = 0
    with progress(waves, "Wave releases") as bar:
        for wave in bar:
            held += release_wave(wave, for_wave(wave), day).status == HELD
    with progress(systems, "System releases") as bar:
        for org, survey, latest in bar:
            held += release_system(org, survey, latest, day).status == HELD
    return Published(len(waves), len(systems), held)

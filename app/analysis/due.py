"""Releases due by date, for `flask staff-voice publish` (run it nightly).

"Close this wave now" publishes the wave's release and its system's next one at once
(app/analysis/__init__.py). A wave that closes at the end of its last day sends nothing: its
releases would be made by the first page that needs them. In a large system whose waves all close
on one day, that first page would audit every wave inline, for minutes, past the server's
timeout. The nightly run makes them first, so pages only read releases.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from app.analysis.releases import find, scope_of, waves_key
from app.definitions import Survey, for_wave, get_survey
from app.extensions import db
from app.models import Organisation
from app.models.release import Release
from app.models.staff_voice import Wave, WaveState
from app.staff_voice.closing import latest_closed_waves


def _closed(day: date) -> list[Wave]:
    waves = db.session.scalars(select(Wave).where(
        or_(Wave.closes_on < day, Wave.closed_early_on <= day)).order_by(Wave.id))
    return [w for w in waves if w.state(day) is WaveState.CLOSED]


def wave_releases_due(day: date) -> list[Wave]:
    """Closed waves without a release of their own, in id order."""
    made = set(db.session.scalars(select(Release.waves_key).where(Release.kind == "wave")))
    return [w for w in _closed(day) if waves_key([w.id]) not in made]


def system_releases_due(day: date) -> list[tuple[Organisation, Survey, list[Wave]]]:
    """(an organisation, the survey, the waves) of each system (or organisation in none) whose
    latest closed waves have no system release yet."""
    due, seen = [], set()
    for wave in _closed(day):
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

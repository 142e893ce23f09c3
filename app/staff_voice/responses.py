"""Storing one anonymous staff-voice response.

The response goes in with the runner's store (no user, no time finer than the day, a random id).
Its counts are kept by app.analysis, the only code that counts: it listens on `response_stored`
and adds them in the same transaction (app/analysis/__init__.py: init_app), so a response and its
counts are stored together or not at all. Staff voice sits below analysis and does not import it.
"""

from __future__ import annotations

from datetime import date

from blinker import Namespace

from app.models.staff_voice import Wave
from app.runner import store_response
from app.surveys import Survey, drop_hidden

KIND = "staff_voice"

# Sent (wave, survey=, band=, answers=) once a response is stored, before the caller commits.
response_stored = Namespace().signal("staff-voice-response-stored")


class OutsideAudience(ValueError):
    """The respondent's band is not one the survey is for: nothing may be stored."""


class NobodyCounts(RuntimeError):
    """No listener keeps the counts (app.analysis.init_app was not run): storing a response
    now would leave the kept counts short, so nothing is stored."""


def band_question(survey: Survey):
    return next(q for q in survey.questions() if q.kind.groups_respondents)


def band_of(survey: Survey, answers: dict) -> str | None:
    """The respondent's band if it is in the survey's audience, else None."""
    value = answers.get(band_question(survey).id)
    return value if isinstance(value, str) and value in survey.audience_bands else None


def record_submission(wave: Wave, survey: Survey, answers: dict, key: str, today: date) -> int:
    """Store one anonymous response and have its counts kept, in the current transaction.

    The caller commits (and spends any access code in the same transaction).
    """
    answers = drop_hidden(survey, answers)
    band = band_of(survey, answers)
    if band is None:
        raise OutsideAudience(answers.get(band_question(survey).id))
    if not response_stored.receivers:
        raise NobodyCounts(KIND)
    # The caller holds a shared lock on the wave's row (app.staff_voice.waves.is_open with
    # lock=True): submissions do not wait for each other, but a close or a rebuild (which lock
    # it exclusively) cannot interleave with one. SQLite serialises writers anyway.
    response_id = store_response(survey_id=survey.id, kind=KIND, snapshot_id=wave.snapshot_id,
                                 answers=answers, key=key, today=today,
                                 organisation_id=wave.organisation_id, wave_id=wave.id)
    response_stored.send(wave, survey=survey, band=band, answers=answers)
    return response_id

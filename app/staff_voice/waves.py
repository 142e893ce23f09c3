"""Launching a wave and finding it again by its public token."""

from __future__ import annotations

import json
import secrets
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from app.definitions import get_survey, snapshot_id_for
from app.extensions import db
from app.models import DefinitionSnapshot, Organisation, record
from app.models.staff_voice import Wave
from app.surveys import Survey, survey_from_data


class LaunchError(ValueError):
    """A wave that cannot be launched, with a message for the person launching it."""


def today() -> date:
    """Today in Europe/London: waves open and close on London days."""
    return datetime.now(ZoneInfo(current_app.config["TIMEZONE"])).date()


def launch(org: Organisation, survey_id: str, opens: date, closes: date, *, uses_codes=False,
           headcounts: dict[str, int] | None = None, actor="system") -> Wave:
    """Add a wave to the session (caller commits)."""
    survey = get_survey(survey_id, kind="staff_voice")
    if survey is None:
        raise LaunchError(f"there is no staff-voice survey with id {survey_id}")
    if closes < opens:
        raise LaunchError("the closing date must be the same as or after the opening date")
    counts = {b: int(n) for b, n in (headcounts or {}).items()
              if b in survey.audience_bands and n is not None and int(n) > 0}
    wave = Wave(organisation=org, survey_id=survey.id, snapshot_id=snapshot_id_for(survey),
                opens_on=opens, closes_on=closes, token=secrets.token_urlsafe(24),
                uses_codes=uses_codes, headcounts=json.dumps(counts, sort_keys=True))
    db.session.add(wave)
    db.session.flush()
    record("staff_voice_wave_launched", org.code, actor=actor, wave=wave.id, survey=survey.id,
           opens=opens.isoformat(), closes=closes.isoformat())
    return wave


def by_token(token: str) -> Wave | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(Wave).where(Wave.token == token))


def survey_of(wave: Wave) -> Survey:
    """The definition exactly as the wave was launched with.

    Parsed once per app and content hash: a snapshot never changes and a Survey is frozen, so
    every request (each submission included) can share it instead of re-reading the JSON.
    """
    cache = current_app.extensions.setdefault("staff_voice_surveys", {})
    content_hash = db.session.scalar(select(DefinitionSnapshot.content_hash)
                                     .where(DefinitionSnapshot.id == wave.snapshot_id))
    survey = cache.get(content_hash)
    if survey is None:
        snapshot = db.session.get(DefinitionSnapshot, wave.snapshot_id)
        survey = survey_from_data(json.loads(snapshot.definition))
        if len(cache) > 100:  # a handful of definitions in practice; never grow unbounded
            cache.clear()
        cache[content_hash] = survey
    return survey


def headcounts(wave: Wave) -> dict[str, int]:
    return json.loads(wave.headcounts or "{}")


def link(wave: Wave) -> str:
    """The full public link; outside a request (the CLI) it uses PUBLIC_BASE_URL."""
    if has_request_context():
        return url_for("staff_respond.start", token=wave.token, _external=True)
    base = current_app.config.get("PUBLIC_BASE_URL", "http://localhost:5000")
    with current_app.test_request_context(base_url=base):
        return url_for("staff_respond.start", token=wave.token, _external=True)


def waves_for(org_ids: list[int]) -> list[Wave]:
    return list(db.session.scalars(select(Wave).where(Wave.organisation_id.in_(org_ids))
                                   .order_by(Wave.opens_on.desc(), Wave.id.desc())))

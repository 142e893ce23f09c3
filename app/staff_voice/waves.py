"""Launching a wave, finding it again by its public token, and its full addresses."""

from __future__ import annotations

import json
import secrets
import time
from datetime import date

from flask import current_app, has_app_context
from sqlalchemy import bindparam, event, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached, object_session
from sqlalchemy.orm.attributes import set_committed_value

from app import clock
from app.definitions import get_survey, snapshot_id_for
from app.extensions import db
from app.models import Organisation, record
from app.models.staff_voice import Wave, WaveState
from app.staff_voice.short_links import shown, unused_short
from app.urls import external_url


class LaunchError(ValueError):
    """A wave that cannot be launched, with a message for the person launching it."""


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
                short_code=unused_short(),
                uses_codes=uses_codes, headcounts=json.dumps(counts, sort_keys=True),
                min_group_size=max(11, survey.min_group_size))
    db.session.add(wave)
    db.session.flush()
    record("staff_voice_wave_launched", org.code, actor=actor, wave=wave.id, survey=survey.id,
           opens=opens.isoformat(), closes=closes.isoformat())
    return wave


# Built once: every respondent request runs these, and building a statement per call (clauses,
# cache key) costs more than running it.
_BY_TOKEN = select(Wave).where(Wave.token == bindparam("token"))
_ORGANISATION_NAME = select(Organisation.name).where(Organisation.id == bindparam("id"))
# The columns that decide a wave's state, read again inside the storing transaction: a Core
# row, not the ORM entity refreshed (that refresh was a tenth of P1's time), run on the
# session's connection (the ORM's execute path around it was another 4%).
_DATES = ("opens_on", "closes_on", "closed_early_on")
_LOCKED = (select(*(Wave.__table__.c[name] for name in _DATES))
           .where(Wave.__table__.c.id == bindparam("id")).with_for_update(read=True))


# Every respondent request finds its wave by token, a query that was a tenth of a journey's
# server time (bench/README.md, J1). So each app keeps {token: (when read, the row's values)}
# among its extensions: per app, so a test's new app (and database) starts with none.
_FORGOTTEN = [0]  # how many changes _forget() has seen: a row read before one is not kept
_COLUMNS = [c.key for c in inspect(Wave).column_attrs]
_MAKE = inspect(Wave).class_manager.new_instance


def _kept(name: str = "kept_wave_rows") -> dict:
    """{key: (when read, value)}: what this worker read lately, per app."""
    return current_app.extensions.setdefault(name, {})


def _recent(kept: dict, key):
    """The value kept under key if it was read less than WAVE_ROW_SECONDS ago, else None."""
    entry = kept.get(key)
    if entry is not None and time.monotonic() - entry[0] < current_app.config["WAVE_ROW_SECONDS"]:
        return entry[1]
    return None


def _keep(kept: dict, key, value) -> None:
    if len(kept) > 1000:  # waves open at once are far fewer; never grow without end
        kept.clear()
    kept[key] = (time.monotonic(), value)


def _detached(values: dict) -> Wave:
    """A Wave of the request's own, outside any database session: respondents' pages read its
    columns only. Made directly from the values, it costs a sixth of merging a copy into the
    session (which was 5% of a journey, and made a session on pages that need none)."""
    wave = _MAKE()
    wave.__dict__.update(values)
    make_transient_to_detached(wave)
    return wave


def by_token(token: str) -> Wave | None:
    """The wave, detached (its columns only: for its organisation's name, organisation_name),
    from the row this worker read less than WAVE_ROW_SECONDS ago if it has one. A close is seen
    by the worker that makes it at once (_changed, below) and by others within those seconds;
    a send reads the row again under lock (is_open(lock=True)) either way."""
    if not token or len(token) > 64:
        return None
    kept_rows = _kept()
    values = _recent(kept_rows, token)
    if values is not None:
        return _detached(values)
    forgotten = _FORGOTTEN[0]
    wave = db.session.scalar(_BY_TOKEN, {"token": token})
    if wave is None:
        return None
    values = {name: getattr(wave, name) for name in _COLUMNS}
    if forgotten == _FORGOTTEN[0]:
        _keep(kept_rows, token, values)
    return _detached(values)


def organisation_name(wave: Wave) -> str:
    """The name its respondents see at the top of the start page, kept like the wave's row
    (every journey's first page lazy-loaded the organisation: 3% of J1's server time). A
    rename shows within WAVE_ROW_SECONDS."""
    names = _kept("kept_organisation_names")
    name = _recent(names, wave.organisation_id)
    if name is None:
        name = db.session.scalar(_ORGANISATION_NAME, {"id": wave.organisation_id})
        _keep(names, wave.organisation_id, name)
    return name


def _forget(token: str) -> None:
    _FORGOTTEN[0] += 1
    if has_app_context():
        _kept().pop(token, None)


@event.listens_for(Wave, "after_update")
@event.listens_for(Wave, "after_delete")
def _changed(_mapper, _connection, wave: Wave) -> None:
    """A wave changed by this process (closed, edited) is read afresh by its next page: from
    the flush, and again from the commit (a page in another thread may read the old row
    between the two)."""
    _forget(wave.token)
    if (session := object_session(wave)) is not None:
        session.info.setdefault("changed_waves", set()).add(wave.token)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    for token in session.info.pop("changed_waves", ()):
        _forget(token)


def is_open(wave: Wave, lock: bool = False) -> bool:
    """Whether the wave takes responses today. With lock, inside the storing transaction, the
    row is read again under a shared lock (PostgreSQL), so a close committed meanwhile is seen
    and one in flight waits for the submission; on SQLite the caller already holds the write
    lock (app.write_queue), which a close needs too."""
    if lock:  # also keeps a rebuild of the counts (which locks the row) from interleaving
        row = db.session.connection().execute(_LOCKED, {"id": wave.id}).one()
        for name, value in zip(_DATES, row, strict=True):
            set_committed_value(wave, name, value)  # as read, without marking the wave changed
    return wave.state(clock.today()) is WaveState.OPEN


def headcounts(wave: Wave) -> dict[str, int]:
    return json.loads(wave.headcounts or "{}")


def link(wave: Wave) -> str:
    """The full public link."""
    return external_url("staff_respond.start", token=wave.token)


def short_link(wave: Wave) -> str:
    """The full short address, as printed and in the QR codes: https://host/s/K7QF-2M."""
    return external_url("short_links.go", short=shown(wave.short_code))


def waves_for(org_ids: list[int]) -> list[Wave]:
    return list(db.session.scalars(select(Wave).where(Wave.organisation_id.in_(org_ids))
                                   .order_by(Wave.opens_on.desc(), Wave.id.desc())))

"""The definitions service: the only way anything in the app gets a Survey.

- From the catalogue (the files in SURVEY_DEFS_DIR, loaded once per app; a file with errors is
  left out whole and logged): `get_survey`, `surveys_of_kind`, `diagnostic`, `latest`.
- From a stored snapshot, exactly as a wave or a response was made against it: `from_snapshot`,
  `for_wave`. A snapshot never changes once stored (an edit is a new snapshot) and a Survey is
  frozen, so each content hash is parsed once per app and shared by every request after.
- By id and version: `by_version`, `for_assessment`.

Storing snapshots, refusing an edit that would break stored responses, lives here too, so a
definition goes in and comes out through one module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import exists, select

from app.extensions import db
from app.models import DefinitionSnapshot, Response, record
from app.surveys import (
    Catalogue,
    Survey,
    breaking_changes,
    canonical_json,
    load_dir,
    survey_from_data,
)

DEFAULT_DIAGNOSTIC = "hwb_diagnostic"
# A handful of definitions in practice; a bound so a long-lived process never grows unbounded.
MAX_PARSED = 100


class DefinitionRefused(Exception):
    """Storing this definition would break responses already stored against the survey."""


class DefinitionMissing(LookupError):
    """No loadable definition has this id (a missing or broken file, or an unknown snapshot)."""

    def __init__(self, definition_id: str):
        super().__init__(definition_id)
        self.definition_id = definition_id


@dataclass
class _Cache:
    """One app's definitions: the catalogue, and the snapshots parsed so far."""

    catalogue: Catalogue | None = None
    by_hash: dict[str, Survey] = field(default_factory=dict)  # content hash -> survey
    hash_of: dict[int, str] = field(default_factory=dict)  # snapshot id -> content hash


def _cache() -> _Cache:
    return current_app.extensions.setdefault("definitions", _Cache())


def read_folder() -> Catalogue:
    """The folder as it is on disk now, read afresh (for `flask surveys`, which checks it)."""
    return load_dir(current_app.config["SURVEY_DEFS_DIR"])


def catalogue() -> Catalogue:
    """Every definition in the folder, loaded once per app. A file with errors is left out
    whole (and logged); `flask surveys check` lists the errors."""
    cache = _cache()
    if cache.catalogue is None:
        loaded = read_folder()
        for error in loaded.errors:
            current_app.logger.error("survey definition error: %s", error)
        cache.catalogue = loaded
    return cache.catalogue


def reload() -> None:
    """Read the folder again on next use (after `flask surveys load`, or a test's own folder)."""
    current_app.extensions.pop("definitions", None)


def get_survey(survey_id: str, kind: str | None = None) -> Survey | None:
    survey = catalogue().surveys.get(survey_id)
    if survey is None or (kind and survey.kind != kind):
        return None
    return survey


def surveys_of_kind(kind: str) -> list[Survey]:
    return [s for s in catalogue().surveys.values() if s.kind == kind]


# --- stored snapshots --------------------------------------------------------------------------

def _parsed(snapshot: DefinitionSnapshot) -> Survey:
    """The snapshot as a Survey, parsed once per content hash."""
    cache = _cache()
    survey = cache.by_hash.get(snapshot.content_hash)
    if survey is None:
        current = catalogue().surveys.get(snapshot.survey_id)
        if current is not None and current.content_hash == snapshot.content_hash:
            survey = current  # the file as it stands: the same content, no need to parse
        else:
            survey = survey_from_data(json.loads(snapshot.definition))
        if len(cache.by_hash) >= MAX_PARSED:
            cache.by_hash.clear()
            cache.hash_of.clear()
        cache.by_hash[snapshot.content_hash] = survey
    cache.hash_of[snapshot.id] = snapshot.content_hash
    return survey


def from_snapshot(snapshot_id: int) -> Survey:
    """The definition stored as this snapshot; once parsed, found without a database read."""
    cache = _cache()
    survey = cache.by_hash.get(cache.hash_of.get(snapshot_id, ""))
    if survey is not None:
        return survey
    snapshot = db.session.get(DefinitionSnapshot, snapshot_id)
    if snapshot is None:
        raise DefinitionMissing(f"snapshot {snapshot_id}")
    return _parsed(snapshot)


def for_wave(wave) -> Survey:
    """The staff-voice definition exactly as the wave was launched with."""
    return from_snapshot(wave.snapshot_id)


def latest_snapshot(survey_id: str, version: int | None = None) -> DefinitionSnapshot | None:
    query = select(DefinitionSnapshot).where(DefinitionSnapshot.survey_id == survey_id)
    if version is not None:
        query = query.where(DefinitionSnapshot.version == version)
    return db.session.scalar(query.order_by(DefinitionSnapshot.id.desc()).limit(1))


def latest(survey_id: str) -> Survey | None:
    """The file's definition, else (the file gone or broken) the last one stored."""
    survey = get_survey(survey_id)
    if survey is not None:
        return survey
    snapshot = latest_snapshot(survey_id)
    return _parsed(snapshot) if snapshot is not None else None


def by_version(survey_id: str, version: int) -> Survey | None:
    """This version of the survey: the file while it is at that version, else the last snapshot
    stored at it; None if neither has it."""
    survey = get_survey(survey_id)
    if survey is not None and survey.version == version:
        return survey
    snapshot = latest_snapshot(survey_id, version)
    return _parsed(snapshot) if snapshot is not None else None


# --- the diagnostic framework ------------------------------------------------------------------

def diagnostics() -> dict[str, Survey]:
    return {s.id: s for s in surveys_of_kind("diagnostic")}


def default_diagnostic_id() -> str:
    return current_app.config.get("DIAGNOSTIC_DEFINITION", DEFAULT_DIAGNOSTIC)


def diagnostic(definition_id: str | None = None) -> Survey:
    """The diagnostic with this id (the configured default if None). DefinitionMissing if its
    file is missing or broken: app.errors shows that as a 503 page saying so."""
    wanted = definition_id or default_diagnostic_id()
    found = get_survey(wanted, kind="diagnostic")
    if found is None:
        raise DefinitionMissing(wanted)
    return found


def for_assessment(assessment) -> Survey:
    """The framework an assessment was made against: that version when it is still to be had,
    else the current file of the same id (diagnostics were not snapshotted before, and a
    framework revision that changes items is given a new id, like hwb_diagnostic_2018)."""
    return (by_version(assessment.definition_id, assessment.definition_version)
            or diagnostic(assessment.definition_id))


# --- storing ----------------------------------------------------------------------------------

def has_responses(survey_id: str) -> bool:
    return bool(db.session.scalar(select(exists().where(Response.survey_id == survey_id))))


@dataclass
class LoadOutcome:
    survey_id: str
    status: str  # "stored", "unchanged"
    snapshot: DefinitionSnapshot


def store_snapshot(survey: Survey, actor="system") -> LoadOutcome:
    """Store `survey` as a snapshot unless that exact content is stored already (caller commits).

    Raises DefinitionRefused for an edit that would break stored responses at the same version.
    """
    same = db.session.scalar(select(DefinitionSnapshot).where(
        DefinitionSnapshot.survey_id == survey.id,
        DefinitionSnapshot.content_hash == survey.content_hash))
    if same is not None:
        return LoadOutcome(survey.id, "unchanged", same)
    previous = latest_snapshot(survey.id)
    if previous is not None and has_responses(survey.id):
        reasons = breaking_changes(_parsed(previous), survey)
        if reasons and survey.version <= previous.version:
            raise DefinitionRefused(
                f"{survey.id}: refused, this edit would break stored responses ("
                + "; ".join(reasons)
                + f"). Raise the version number above {previous.version} to load it as a "
                "new version.")
    snapshot = DefinitionSnapshot(survey_id=survey.id, version=survey.version, kind=survey.kind,
                                  content_hash=survey.content_hash,
                                  definition=canonical_json(survey))
    db.session.add(snapshot)
    db.session.flush()
    record("survey_definition_loaded", survey.id, actor=actor, version=survey.version,
           content_hash=survey.content_hash)
    return LoadOutcome(survey.id, "stored", snapshot)


def snapshot_id_for(survey: Survey) -> int:
    """The snapshot a response to `survey` records, storing it on first use."""
    return store_snapshot(survey).snapshot.id

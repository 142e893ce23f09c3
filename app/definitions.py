"""The survey definitions an app runs: loaded once from SURVEY_DEFS_DIR, and stored as
snapshots (content hash) so every response records exactly what it answered."""

from __future__ import annotations

import json
from dataclasses import dataclass

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


class DefinitionRefused(Exception):
    """Storing this definition would break responses already stored against the survey."""


def catalogue() -> Catalogue:
    """Every definition in the folder, loaded once per app. A file with errors is left out
    whole (and logged); `flask surveys check` lists the errors."""
    cached = current_app.extensions.get("survey_catalogue")
    if cached is None:
        cached = load_dir(current_app.config["SURVEY_DEFS_DIR"])
        for error in cached.errors:
            current_app.logger.error("survey definition error: %s", error)
        current_app.extensions["survey_catalogue"] = cached
    return cached


def get_survey(survey_id: str, kind: str | None = None) -> Survey | None:
    survey = catalogue().surveys.get(survey_id)
    if survey is None or (kind and survey.kind != kind):
        return None
    return survey


def surveys_of_kind(kind: str) -> list[Survey]:
    return [s for s in catalogue().surveys.values() if s.kind == kind]


def latest_snapshot(survey_id: str) -> DefinitionSnapshot | None:
    return db.session.scalar(select(DefinitionSnapshot)
                             .where(DefinitionSnapshot.survey_id == survey_id)
                             .order_by(DefinitionSnapshot.id.desc()).limit(1))


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
        old = survey_from_data(json.loads(previous.definition))
        reasons = breaking_changes(old, survey)
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


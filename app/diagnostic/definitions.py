"""The loaded survey definitions, read once per process from SURVEY_DEFS_DIR."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import current_app

from app.surveys import Catalogue, Survey, load_dir

DEFAULT_DEFINITION = "hwb_diagnostic"


@cache
def _load(directory: str) -> Catalogue:
    return load_dir(Path(directory))


def catalogue() -> Catalogue:
    """The app's shared catalogue (app.definitions) when present, else our own cached load."""
    try:
        from app.definitions import catalogue as shared
    except ImportError:
        return _load(str(current_app.config["SURVEY_DEFS_DIR"]))
    return shared()


def diagnostics() -> dict[str, Survey]:
    return {sid: s for sid, s in catalogue().surveys.items() if s.kind == "diagnostic"}


def default_id() -> str:
    return current_app.config.get("DIAGNOSTIC_DEFINITION", DEFAULT_DEFINITION)


def definition(definition_id: str | None = None) -> Survey:
    """The diagnostic with this id (the default one if None). KeyError if there is none."""
    found = diagnostics().get(definition_id or default_id())
    if found is None:
        raise KeyError(definition_id or default_id())
    return found


def for_assessment(assessment) -> Survey:
    return definition(assessment.definition_id)

"""app/definitions.py: the one way the app gets a Survey (the catalogue, a stored snapshot, or an
id and version), each snapshot parsed once, and nothing else in app/ building surveys."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from app import definitions
from app.clock import today
from app.extensions import db
from app.models import Assessment
from app.staff_voice.waves import launch
from tests.support.paths import APP

SURVEY_DEFS = APP.parent / "survey_defs"
STAFF = "staff_voice_bands_2_4"


def _edited_folder(tmp_path, file: str, old: str, new: str) -> Path:
    """A copy of survey_defs with one line of one file changed."""
    folder = tmp_path / "survey_defs"
    shutil.copytree(SURVEY_DEFS, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _use(app, folder: Path) -> None:
    app.config["SURVEY_DEFS_DIR"] = str(folder)
    definitions.reload()


@pytest.fixture
def queries(app):
    """The SQL statements run while the test runs."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    yield seen
    event.remove(db.engine, "before_cursor_execute", note)


def test_a_wave_on_the_files_definition_shares_the_files_survey(app, orgs):
    wave = launch(orgs[0], STAFF, today(), today() + timedelta(days=7))
    db.session.commit()
    assert definitions.for_wave(wave) is definitions.get_survey(STAFF)


def test_a_snapshot_is_read_and_parsed_once_then_served_without_the_database(
        app, orgs, tmp_path, queries):
    wave = launch(orgs[0], STAFF, today(), today() + timedelta(days=7))
    db.session.commit()
    # The file moves on, so the wave's snapshot must come from the database.
    _use(app, _edited_folder(tmp_path, f"{STAFF}.yaml", "version: 2", "version: 3"))
    first = definitions.for_wave(wave)
    assert any("definition_snapshots" in s for s in queries)
    assert first.version == 2 and first is not definitions.get_survey(STAFF)
    queries.clear()
    assert definitions.for_wave(wave) is first
    assert definitions.from_snapshot(wave.snapshot_id) is first
    assert queries == []


def test_an_unknown_snapshot_is_a_missing_definition(app):
    with pytest.raises(definitions.DefinitionMissing):
        definitions.from_snapshot(999_999)


def test_by_version_gives_the_stored_version_once_the_file_has_moved_on(app, tmp_path):
    stored = definitions.store_snapshot(definitions.get_survey("framework_review"))
    db.session.commit()
    assert definitions.by_version("framework_review", 1) is \
        definitions.get_survey("framework_review")
    _use(app, _edited_folder(tmp_path, "framework_review.yaml", "version: 1", "version: 2"))
    old = definitions.by_version("framework_review", 1)
    assert old is not None and old.version == 1
    assert old.content_hash == stored.snapshot.content_hash
    assert definitions.by_version("framework_review", 2) is \
        definitions.get_survey("framework_review")
    assert definitions.by_version("framework_review", 3) is None


def test_latest_is_the_file_else_the_last_snapshot_stored(app, tmp_path):
    definitions.store_snapshot(definitions.get_survey("framework_review"))
    db.session.commit()
    folder = tmp_path / "empty"
    folder.mkdir()
    _use(app, folder)
    assert definitions.get_survey("framework_review") is None
    kept = definitions.latest("framework_review")
    assert kept is not None and kept.id == "framework_review"
    assert definitions.latest("no_such_survey") is None


def test_an_assessment_gets_the_framework_it_was_made_against(app, orgs):
    current = definitions.diagnostic()
    made = Assessment(organisation=orgs[0], cycle="2026 Q1", mode="full",
                      definition_id=current.id, definition_version=current.version)
    assert definitions.for_assessment(made) is current
    # An older version never stored: the file of the same id, as before snapshots existed.
    made.definition_version = current.version - 1
    assert definitions.for_assessment(made) is current
    made.definition_id = "hwb_diagnostic_2018"
    assert definitions.for_assessment(made).id == "hwb_diagnostic_2018"


def test_a_missing_diagnostic_says_which(app):
    app.config["DIAGNOSTIC_DEFINITION"] = "not_a_framework"
    with pytest.raises(definitions.DefinitionMissing) as raised:
        definitions.diagnostic()
    assert raised.value.definition_id == "not_a_framework"
    with pytest.raises(definitions.DefinitionMissing):
        definitions.diagnostic("framework_review")  # a consultation is not a diagnostic


# Ways to build a Survey outside the service: parsing a stored snapshot, or loading files.
BUILDERS = re.compile(r"\b(survey_from_data|load_dir|load_file|load_text)\b"
                      r"|json\.loads\([^)]*\.definition\b")
# `flask surveys check FILE...` checks files an author names, wherever they are: the engine's
# own job, not a survey the app runs.
ALLOWED = {"definitions.py", "commands/surveys.py"}


def test_nothing_else_in_the_app_builds_a_survey():
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        name = path.relative_to(APP).as_posix()
        if name.startswith(("surveys/", "migrations/")) or name in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BUILDERS.search(line):
                offenders.append(f"app/{name}:{number}: {line.strip()}")
    assert offenders == []
    commands = (APP / "commands" / "surveys.py").read_text(encoding="utf-8")
    assert not re.search(r"\bload_dir\b|survey_from_data", commands)


def test_snapshot_rows_are_parsed_only_by_the_service():
    readers = [p.relative_to(APP).as_posix() for p in APP.rglob("*.py")
               if "DefinitionSnapshot" in p.read_text(encoding="utf-8")
               and not p.relative_to(APP).as_posix().startswith(("models/", "migrations/"))]
    assert readers == ["definitions.py"]


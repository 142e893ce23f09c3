"""`flask surveys check|show|load`."""

from __future__ import annotations

from app.definitions import DefinitionRefused, store_snapshot
from app.extensions import db
from app.surveys import load_text
from tests.support.dbutil import count

GOOD = """\
schema: 1
id: tiny
version: 1
kind: consultation
title: Tiny
pages:
  - id: one
    questions:
      - id: colour
        type: single_choice
        choices: [{value: red, label: Red}, {value: blue, label: Blue}]
"""


def test_check_passes_every_file_and_fails_with_positions(runner, tmp_path):
    result = runner.invoke(args=["surveys", "check"])
    assert result.exit_code == 0, result.output
    assert "framework_review.yaml: ok" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("type: single_choice", "type: single_choise"))
    result = runner.invoke(args=["surveys", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:10:15 [unknown-type]" in result.output


def test_show_prints_an_outline(runner):
    result = runner.invoke(args=["surveys", "show", "framework_review"])
    assert result.exit_code == 0 and "respondent_type" in result.output
    assert runner.invoke(args=["surveys", "show", "nope"]).exit_code == 1


def test_load_stores_snapshots_once(runner):
    assert runner.invoke(args=["surveys", "load"]).exit_code == 0
    stored = count("definition_snapshots")
    assert stored >= 4
    again = runner.invoke(args=["surveys", "load"])
    assert "unchanged" in again.output and count("definition_snapshots") == stored


def test_a_breaking_edit_is_refused_once_there_are_responses(app):
    from datetime import date

    from app.runner.store import store_response

    v1 = load_text(GOOD).survey
    snapshot = store_snapshot(v1).snapshot
    store_response(survey_id="tiny", kind="consultation", snapshot_id=snapshot.id,
                   answers={"colour": "red"}, key="k1", today=date(2026, 1, 1))
    db.session.commit()
    v1b = load_text(GOOD.replace("{value: blue, label: Blue}", "{value: green, label: Green}")
                    ).survey
    try:
        store_snapshot(v1b)
        raise AssertionError("a breaking edit was stored")
    except DefinitionRefused as exc:
        assert "choice 'blue' was removed" in str(exc) and "Raise the version" in str(exc)
    db.session.rollback()
    v2 = load_text(GOOD.replace("version: 1", "version: 2").replace(
        "{value: blue, label: Blue}", "{value: green, label: Green}")).survey
    assert store_snapshot(v2).status == "stored"

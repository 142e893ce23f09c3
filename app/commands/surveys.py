"""`flask surveys check|show|load`: check definitions, print an outline, store snapshots."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from app.consultations import get_state
from app.definitions import DefinitionRefused, read_folder, reload, store_snapshot
from app.extensions import db
from app.models import Organisation, System
from app.surveys import Survey, load_paths, outline

surveys = click.Group("surveys", help="Check, show and load survey definitions.")


def _defs_dir() -> Path:
    return Path(current_app.config["SURVEY_DEFS_DIR"])


@surveys.command("check")
@click.option("--defs", "defs", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The definitions folder whose shared lists (_choices.yaml) and diagnostics "
                   "the files are checked against. Default: a file's own folder when it has a "
                   "_choices.yaml, else the app's survey_defs folder.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths, defs):
    """Check definitions: files, or every *.yaml in a folder (default: the app's survey_defs).

    Prints `path:line:col [code] message` for every error (a file that cannot be read or parsed
    is one error; the others are still checked), then one ok line per good file. Exit 1 on any
    error.
    """
    if paths:
        catalogue = load_paths(paths, defs=defs, default_defs=_defs_dir())
    else:
        catalogue = load_paths([defs]) if defs else read_folder()
    for error in catalogue.errors:
        click.echo(str(error))
    for survey in sorted(catalogue.surveys.values(), key=lambda s: s.source_path or ""):
        questions = len(survey.questions()) or len(survey.items())
        languages = "".join(f"; in {code}: {texts['status']}"
                            for code, texts in sorted(survey.translations.items()))
        click.echo(f"{survey.source_path}: ok ({survey.kind} '{survey.id}' version "
                   f"{survey.version}, {len(survey.pages)} pages, {questions} questions"
                   f"{languages})")
    for warning in _system_warnings(catalogue.surveys.values()):
        click.echo(warning)
    if catalogue.errors:
        raise SystemExit(1)


def _system_warnings(found: Iterable[Survey]) -> list[str]:
    """Organisation questions scoped to a system that the database (when it can be read) has no
    organisations for: each would offer only "My organisation is not listed". A warning, not an
    error: definitions are checked before the systems are imported."""
    named = sorted({(survey.source_path or survey.id, q.id, spec.system)
                    for survey in found for q in survey.questions() if q.kind.needs_organisations
                    for spec in q.kind.fields(q) if spec.system})
    if not named:
        return []
    try:
        sizes = {code: count for code, count in db.session.execute(
            select(System.code, func.count(Organisation.id))
            .outerjoin(Organisation, Organisation.system_id == System.id).group_by(System.code))}
    except SQLAlchemyError:
        db.session.rollback()
        return [f"note: the database cannot be read, so the systems named by {len(named)} "
                "organisation question(s) were not checked"]
    return [f"{path}: warning: question '{qid}' names system {system}, which "
            f"{'has no organisations' if system in sizes else 'is not'} in the database: it "
            "will offer only 'My organisation is not listed'"
            for path, qid, system in named if not sizes.get(system)]


@surveys.command("show")
@click.argument("survey_id")
def show(survey_id):
    """Print a readable outline of a survey for reviewers."""
    catalogue = read_folder()
    survey = catalogue.surveys.get(survey_id)
    if survey is None:
        known = ", ".join(sorted(catalogue.surveys)) or "none"
        raise click.ClickException(f"no survey has id '{survey_id}' (known: {known})")
    click.echo(outline(survey))


@surveys.command("load")
def load():
    """Store a snapshot of every definition; refuses edits that would break stored responses."""
    catalogue = read_folder()
    if catalogue.errors:
        for error in catalogue.errors:
            click.echo(str(error), err=True)
        raise click.ClickException("nothing loaded: fix the errors above (flask surveys check)")
    refused = []
    for survey in sorted(catalogue.surveys.values(), key=lambda s: s.id):
        try:
            outcome = store_snapshot(survey, actor="cli")
        except DefinitionRefused as exc:
            db.session.rollback()
            refused.append(str(exc))
            click.echo(str(exc), err=True)
            continue
        if survey.kind == "consultation":
            get_state(survey.id)
        db.session.commit()
        click.echo(f"{survey.id} version {survey.version}: {outcome.status} "
                   f"(snapshot {outcome.snapshot.id}, {survey.content_hash[:12]})")
    reload()
    if refused:
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(surveys)

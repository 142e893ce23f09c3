"""`flask staff-voice launch|list|close|publish`, `flask analysis rebuild`, and
`flask export staff-voice`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.analysis.due import publish_due
from app.analysis.results import responses_so_far, system_results, wave_results
from app.analysis.staff_voice import rebuild
from app.clock import today
from app.commands.groups import bars, export
from app.definitions import for_wave, get_survey
from app.exports.staff_voice_csv import to_csv
from app.extensions import db
from app.models import Organisation, System, record
from app.models.staff_voice import Wave, WaveState
from app.staff_voice.closing import NotOpen, close_now, latest_closed_waves
from app.staff_voice.waves import LaunchError, launch, link, short_link

staff_voice = click.Group("staff-voice", help="Run staff-voice surveys.")
analysis = click.Group("analysis", help="Counts behind the results pages.")


def _org(code: str):
    org = db.session.scalar(select(Organisation).where(Organisation.code == code.upper()))
    if org is None:
        raise click.ClickException(f"no organisation has code {code}")
    return org


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-01", param_hint=name) \
            from exc


@staff_voice.command("launch")
@click.option("--org", "org_code", required=True, help="Organisation code, like RZ1.")
@click.option("--survey", "survey_id", required=True, help="Staff-voice survey id.")
@click.option("--opens", required=True, help="First day, like 2026-03-01.")
@click.option("--closes", required=True, help="Last day, like 2026-03-31.")
@click.option("--codes", "with_codes", is_flag=True, help="Staff also need an access code.")
def launch_command(org_code, survey_id, opens, closes, with_codes):
    """Launch a wave for an organisation and print its link."""
    org = _org(org_code)
    try:
        wave = launch(org, survey_id, _day(opens, "--opens"), _day(closes, "--closes"),
                      uses_codes=with_codes, actor="cli")
    except LaunchError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Launched wave {wave.id} of {survey_id} for {org.code}, "
               f"open {wave.opens_on} to {wave.closes_on}.")
    click.echo(f"Short address (for cards, posters and typing): {short_link(wave)}")
    click.echo(f"Full link: {link(wave)}")


@staff_voice.command("list")
@click.option("--org", "org_code", help="Only this organisation's waves (a code, like RZ1).")
def list_command(org_code):
    """Each wave: id, organisation, survey, dates, state and responses so far."""
    query = select(Wave).options(joinedload(Wave.organisation)).order_by(Wave.id)
    if org_code:
        query = query.where(Wave.organisation_id == _org(org_code).id)
    waves = list(db.session.scalars(query))
    if not waves:
        click.echo(f"{org_code.upper()} has no waves." if org_code else "There are no waves.")
        return
    day = today()
    header = ("id", "org", "survey", "opens", "closes", "closed early", "state", "responses")
    # Responses only as the open-wave page shows them: a total, "fewer than N" under the
    # wave's own threshold, never by band.
    rows = [(str(w.id), w.organisation.code, w.survey_id, str(w.opens_on), str(w.closes_on),
             str(w.closed_early_on or "-"), w.state(day),
             responses_so_far(w, for_wave(w).min_group_size)) for w in waves]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        cells = [row[0].rjust(widths[0])] + [
            cell.ljust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        click.echo("  ".join(cells).rstrip())


@staff_voice.command("close")
@click.argument("wave_id", type=int)
@click.option("--reason", default="", help="Why it is closing early (kept in the audit log).")
def close_command(wave_id, reason):
    """Close an open wave now, as "Close this wave now" does (audited)."""
    wave = db.session.get(Wave, wave_id)
    if wave is None:
        raise click.ClickException(f"no wave has id {wave_id} (flask staff-voice list shows them)")
    try:
        wave = close_now(wave, "cli", reason=reason.strip() or None)
    except NotOpen as exc:
        wave = db.session.get(Wave, wave_id)
        if exc.state is WaveState.SCHEDULED:
            why = f"it has not opened yet (it opens on {wave.opens_on})"
        elif wave.closed_early_on:
            why = f"it is already closed (it was closed early on {wave.closed_early_on})"
        else:
            why = f"it is already closed (it closed at the end of {wave.closes_on})"
        raise click.ClickException(f"wave {wave_id} was not closed: {why}. Only an open wave "
                                   "can be closed.") from exc
    click.echo(f"Closed wave {wave.id} of {wave.survey_id} for {wave.organisation.code} on "
               f"{wave.closed_early_on} (it was planned to close on {wave.closes_on}).")


@staff_voice.command("publish")
def publish_command():
    """Publish the releases due: closed waves' own, then their systems' (run it nightly)."""
    done = publish_due(today(), bars)
    if not done.waves and not done.systems:
        click.echo("Nothing was due: every closed wave and system has its release.")
        return
    click.echo(f"Published {done.waves} wave release(s) and {done.systems} system release(s)"
               + (f"; {done.held} held: their pages keep the last published figures, if any, "
                  "and say why." if done.held else "."))


@analysis.command("rebuild")
def rebuild_command():
    """Recompute every wave's kept counts from the raw answers."""
    waves = list(db.session.scalars(select(Wave)))
    with click.progressbar(waves, label="Rebuilding counts") as bar:
        for wave in bar:
            rebuild([wave])
            db.session.commit()
    click.echo(f"Rebuilt counts for {len(waves)} wave(s).")


@export.command("staff-voice")
@click.option("--org", "org_code", help="An organisation: its latest closed wave.")
@click.option("--system", "system_code", help="A system: each organisation's latest closed wave.")
@click.option("--survey", "survey_id", default="staff_voice_bands_2_4", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_staff_voice(org_code, system_code, survey_id, fmt, output: Path):
    """Write suppressed staff-voice results (never a group under the minimum size)."""
    if bool(org_code) == bool(system_code):
        raise click.UsageError("give exactly one of --org CODE or --system CODE")
    if org_code:
        org = _org(org_code)
        waves = latest_closed_waves([org.id], survey_id, today())
        if not waves:
            raise click.ClickException(f"{org.code} has no closed wave of {survey_id}")
        results = wave_results(waves[0], for_wave(waves[0]), today())
        target = org.code
    else:
        system = db.session.scalar(select(System).where(System.code == system_code.upper()))
        if system is None:
            raise click.ClickException(f"no system has code {system_code}")
        survey = get_survey(survey_id, kind="staff_voice")
        if survey is None:
            raise click.ClickException(f"there is no staff-voice survey with id {survey_id}")
        org_ids = list(db.session.scalars(select(Organisation.id)
                                          .where(Organisation.system_id == system.id)))
        results = system_results(org_ids, survey, system.name, today())
        target = system.code
    output.write_text(to_csv(results), encoding="utf-8")
    record("staff_voice_exported", target, actor="cli", format=fmt, file=str(output))
    db.session.commit()
    click.echo(f"Wrote {output} ({target}, suppressed below {results.min_size})")


def register(app: Flask) -> None:
    app.cli.add_command(staff_voice)
    app.cli.add_command(analysis)

"""`flask report org`, `flask export diagnostic`, `flask import diagnostic`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select

from app.commands.groups import export, import_, report
from app.diagnostic import cycles, workbook_import
from app.exports import diagnostic_xlsx
from app.extensions import db
from app.models import Organisation, record
from app.reports import org_report

CYCLE_HELP = "The cycle, like '2026 Q1' (default: the latest)."


def _assessment(code: str, cycle: str | None):
    org = db.session.scalar(select(Organisation).where(Organisation.code == code.upper()))
    if org is None:
        raise click.ClickException(f"no organisation has code {code}")
    found = cycles.find_cycle(org, cycle) if cycle else cycles.latest(org)
    if found is None:
        raise click.ClickException(
            f"{org.code} has no cycle called {cycle}" if cycle else f"{org.code} has no diagnostic")
    return found


def _written(found, output: Path, body: bytes, action: str, **detail) -> None:
    output.write_bytes(body)
    record(action, found.organisation.code, actor="cli", cycle=found.cycle, **detail,
           file=str(output))
    db.session.commit()
    click.echo(f"Wrote {output} ({found.organisation.code}, {found.cycle})")


def _file_options(func):
    """An organisation's code, its cycle and the file to write, as `flask report ics` takes."""
    func = click.option("-o", "--output", required=True,
                        type=click.Path(dir_okay=False, path_type=Path))(func)
    func = click.option("--cycle", help=CYCLE_HELP)(func)
    return click.argument("code")(func)


@report.command("org")
@_file_options
def report_org(code, cycle, output: Path):
    """Write an organisation's diagnostic report as a PDF."""
    found = _assessment(code, cycle)
    _written(found, output, org_report.build(found), "diagnostic_report_written")


@export.command("diagnostic")
@_file_options
def export_diagnostic(code, cycle, output: Path):
    """Write an organisation's diagnostic as a workbook, one sheet per element."""
    found = _assessment(code, cycle)
    _written(found, output, diagnostic_xlsx.to_bytes(found), "diagnostic_exported", via="cli")


@import_.command("diagnostic")
@click.argument("code")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cycle", help=CYCLE_HELP)
def import_diagnostic(code, file: Path, cycle):
    """Update an organisation's diagnostic from a workbook. A workbook with any bad cell imports
    nothing; each problem is listed with its sheet and row."""
    found = _assessment(code, cycle)
    with file.open("rb") as handle:  # one byte past the limit at most, whatever the file is
        data = handle.read(workbook_import.MAX_BYTES + 1)
    try:
        parsed = workbook_import.parse(found, data)
    except workbook_import.WorkbookRefused as refused:
        for error in refused.errors:
            click.echo(f"{file}: {error}", err=True)
        raise click.ClickException(f"nothing imported: {len(refused.errors)} problem(s)") from None
    applied = workbook_import.apply(found, parsed)
    record("diagnostic_imported", found.organisation.code, actor="cli", cycle=found.cycle,
           via="cli", items=len(applied.items), actions_added=applied.added,
           actions_changed=applied.changed, actions_removed=applied.removed, file=str(file))
    db.session.commit()
    click.echo(f"Imported {file} into {found.organisation.code} {found.cycle}: "
               f"{applied.words()}")


def register(app: Flask) -> None:
    """The commands live in the shared export/report/import groups; importing this module adds
    them, and app/commands registers any group that has commands."""

"""`flask report org`, `flask export diagnostic`, `flask import diagnostic`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select

from app.commands.groups import export, import_, report
from app.extensions import db


def _assessment(code: str, cycle: str | None):
    from app.diagnostic import cycles
    from app.models import Organisation

    org = db.session.scalar(select(Organisation).where(Organisation.code == code.upper()))
    if org is None:
        raise click.ClickException(f"no organisation has code {code}")
    found = cycles.find_cycle(org, cycle) if cycle else cycles.latest(org)
    if found is None:
        raise click.ClickException(
            f"{org.code} has no cycle called {cycle}" if cycle else f"{org.code} has no diagnostic")
    return found


@report.command("org")
@click.argument("code")
@click.option("--cycle", help="The cycle, like '2026 Q1' (default: the latest).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def report_org(code, cycle, output: Path):
    """Write an organisation's diagnostic report as a PDF."""
    from app.models import record
    from app.reports import org_report

    found = _assessment(code, cycle)
    output.write_bytes(org_report.build(found))
    record("diagnostic_report_written", found.organisation.code, actor="cli", cycle=found.cycle,
           file=str(output))
    db.session.commit()
    click.echo(f"Wrote {output} ({found.organisation.code}, {found.cycle})")


@export.command("diagnostic")
@click.argument("code")
@click.option("--cycle", help="The cycle, like '2026 Q1' (default: the latest).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_diagnostic(code, cycle, output: Path):
    """Write an organisation's diagnostic as a workbook, one sheet per element."""
    from app.exports import diagnostic_xlsx
    from app.models import record

    found = _assessment(code, cycle)
    output.write_bytes(diagnostic_xlsx.to_bytes(found))
    record("diagnostic_exported", found.organisation.code, actor="cli", cycle=found.cycle,
           via="cli", file=str(output))
    db.session.commit()
    click.echo(f"Wrote {output} ({found.organisation.code}, {found.cycle})")


@import_.command("diagnostic")
@click.argument("code")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cycle", help="The cycle, like '2026 Q1' (default: the latest).")
def import_diagnostic(code, file: Path, cycle):
    """Update an organisation's diagnostic from a workbook. A workbook with any bad cell imports
    nothing; each problem is listed with its sheet and row."""
    from app.diagnostic import workbook_import
    from app.models import record

    found = _assessment(code, cycle)
    with file.open("rb") as handle:  # one byte past the limit at most, whatever the file is
        data = handle.read(workbook_import.MAX_BYTES + 1)
    try:
        parsed = workbook_import.parse(found, data)
    except workbook_import.WorkbookRefused as refused:
        for error in refused.errors:
            click.echo(f"{file}: {error}", err=True)
        raise click.ClickException(f"nothing imported: {len(refused.errors)} problem(s)") from None
    count = workbook_import.apply(found, parsed)
    record("diagnostic_imported", found.organisation.code, actor="cli", cycle=found.cycle,
           via="cli", items=count, file=str(file))
    db.session.commit()
    click.echo(f"Imported {file} into {found.organisation.code} {found.cycle}: "
               f"{count} items updated")


def register(app: Flask) -> None:
    """The commands live in the shared export/report/import groups; importing this module adds
    them, and app/commands registers any group that has commands."""

"""`flask report ics CODE`, `flask export ics CODE`, `flask export ics-dataset CODE`.

A system that does not exist, or a cycle no organisation has, stops with a message and exit
status 1 before any file is written.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select

from app.analysis import ics
from app.commands.groups import export, report
from app.exports import ics_dataset, ics_xlsx
from app.extensions import db
from app.models import ORG_TYPES, System, record
from app.reports import ics_report

CYCLE_HELP = "A cycle name, like '2026 Q1' (default: each organisation's latest)."
TYPE_HELP = "Only organisations of this type (trust, gp_practice, social_care, other)."


def _compile(code: str, cycle: str | None, org_type: str | None):
    system = db.session.scalar(select(System).where(System.code == code.strip().upper()))
    if system is None:
        raise click.ClickException(f"no ICS has code {code}")
    if org_type and org_type not in ORG_TYPES:
        raise click.ClickException(f"unknown organisation type {org_type}: use one of "
                                   f"{', '.join(ORG_TYPES)}")
    try:
        return ics.compile_system(system, cycle or ics.LATEST, org_type or "")
    except ics.NothingToCompile as nothing:
        raise click.ClickException(str(nothing)) from None


def _write(comp, output: Path, body: bytes, action: str) -> None:
    output.write_bytes(body)
    record(action, comp.system.code, actor="cli", cycle=comp.cycle or "latest",
           type=comp.org_type or "all", file=str(output))
    db.session.commit()
    click.echo(f"Wrote {output} ({comp.system.code}, {comp.cycle or 'latest cycles'}, "
               f"{len(comp.assessed)} organisations assessed)")


def _options(func):
    func = click.option("-o", "--output", required=True,
                        type=click.Path(dir_okay=False, path_type=Path))(func)
    func = click.option("--type", "org_type", help=TYPE_HELP)(func)
    func = click.option("--cycle", help=CYCLE_HELP)(func)
    return click.argument("code")(func)


@report.command("ics")
@_options
def report_ics(code, cycle, org_type, output: Path):
    """Write an ICS's compilation (heat map, shared gaps, evidence gaps, buddying, themes) as
    a PDF."""
    comp = _compile(code, cycle, org_type)
    with click.progressbar(length=1, label="Compiling the report") as bar:
        body = ics_report.build(comp)
        bar.update(1)
    _write(comp, output, body, "ics_report_written")


@export.command("ics")
@_options
def export_ics(code, cycle, org_type, output: Path):
    """Write an ICS's compilation as a workbook, one sheet per section."""
    comp = _compile(code, cycle, org_type)
    _write(comp, output, ics_xlsx.to_bytes(comp), "ics_exported")


@export.command("ics-dataset")
@_options
def export_ics_dataset(code, cycle, org_type, output: Path):
    """Write an ICS's compilation as a SQLite dataset for Datasette (foreign keys, full-text
    search on gaps, offers and actions)."""
    comp = _compile(code, cycle, org_type)
    _write(comp, output, ics_dataset.to_bytes(comp), "ics_dataset_exported")


def register(app: Flask) -> None:
    """The commands live in the shared export/report groups; importing this module adds them."""

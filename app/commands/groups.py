"""Command groups that several areas add to: `flask export ...`, `flask report ...`,
`flask import ...`. An area adds its subcommand with `@export.command("name")`. And `bars`, the
progress that long work outside the commands takes (app.analysis.due.publish_due)."""

import click

export = click.Group("export", help="Write data files (CSV, XLSX, SQLite datasets).")
report = click.Group("report", help="Write PDF reports.")
import_ = click.Group("import", help="Read data files into the platform.")
SHARED_GROUPS = (export, report, import_)


def bars(items: list, label: str):
    """click's progress bar over `items`, in the (items, label) shape app code takes."""
    return click.progressbar(items, label=label)

"""Command groups that several areas add to: `flask export ...`, `flask report ...`,
`flask import ...`. An area adds its subcommand with `@export.command("name")`."""

import click

export = click.Group("export", help="Write data files (CSV, XLSX, SQLite datasets).")
report = click.Group("report", help="Write PDF reports.")
import_ = click.Group("import", help="Read data files into the platform.")
SHARED_GROUPS = (export, report, import_)

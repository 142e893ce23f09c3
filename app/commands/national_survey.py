"""`flask staff-survey import FILE`: an organisation's published NHS Staff Survey theme scores,
as the admin page imports them."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from app import clock, national_survey
from app.extensions import db

staff_survey = click.Group("staff-survey", help="NHS Staff Survey theme scores.")


@staff_survey.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_scores(file: Path):
    """Import theme scores from a CSV file with the columns organisation code, year, theme,
    score, benchmark-group median. A file with any bad line imports nothing; each problem is
    listed with its line number. Each organisation's year in the file replaces what was stored
    for it."""
    with file.open("rb") as handle:  # one byte past the limit at most, whatever the file is
        data = handle.read(national_survey.MAX_BYTES + 1)
    try:
        parsed = national_survey.parse(data, clock.today().year)
    except national_survey.ScoresRefused as refused:
        for error in refused.errors:
            click.echo(f"{file}: {error}", err=True)
        raise click.ClickException(f"nothing imported: {len(refused.errors)} problem(s)") from None
    with click.progressbar(parsed.rows, label="Storing theme scores") as rows:
        count = national_survey.store(parsed, "cli", rows)
    db.session.commit()
    click.echo(f"Imported {count} theme scores for {', '.join(parsed.organisations)} "
               f"({', '.join(str(y) for y in parsed.years)}).")


def register(app: Flask) -> None:
    app.cli.add_command(staff_survey)

"""`flask consultations list|open|close|schedule`, `flask export responses`,
`flask report consultation`."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask

from app.analysis.consultation import response_counts
from app.commands.groups import export, report
from app.consultations import ActionRefused, close_now, open_now, reschedule, status_of
from app.definitions import get_survey, surveys_of_kind
from app.exports.responses import write_csv, write_xlsx
from app.extensions import db
from app.reports.consultation_pdf import consultation_pdf

consultations = click.Group("consultations", help="List, open, close and schedule consultations.")


def _date(_ctx, _param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a date like 2026-12-31") from exc


def _consultation(survey_id: str):
    survey = get_survey(survey_id, kind="consultation")
    if survey is None:
        raise click.ClickException(f"no consultation has id '{survey_id}'")
    return survey


@consultations.command("list")
def list_():
    """Each consultation: id, status, opens, closes, responses."""
    found = sorted(surveys_of_kind("consultation"), key=lambda s: s.id)
    counts = response_counts([s.id for s in found])
    click.echo(f"{'id':<28} {'status':<12} {'opens':<11} {'closes':<11} responses")
    for survey in found:
        st = status_of(survey)
        click.echo(f"{survey.id:<28} {st.state:<12} {st.opens or '-'!s:<11} "
                   f"{st.closes or '-'!s:<11} {counts[survey.id]}")


@consultations.command("open")
@click.argument("survey_id")
@click.option("--until", callback=_date, help="Close at the end of this day (YYYY-MM-DD).")
@click.option("--reason", default="", help="Why it is opening now (kept in the audit log).")
def open_(survey_id, until, reason):
    """Open a consultation now."""
    survey = _consultation(survey_id)
    try:
        status = open_now(survey, until=until, actor="cli", reason=reason.strip() or None)
    except ActionRefused as exc:
        db.session.rollback()
        raise click.ClickException(f"refused: {exc}") from exc
    db.session.commit()
    click.echo(f"{survey.id}: {status.state}" + (f" until {until}" if until else ""))


@consultations.command("close")
@click.argument("survey_id")
@click.option("--reason", default="", help="Why it is closing (kept in the audit log).")
def close(survey_id, reason):
    """Close a consultation now."""
    survey = _consultation(survey_id)
    status = close_now(survey, reason=reason.strip() or None, actor="cli")
    db.session.commit()
    click.echo(f"{survey.id}: {status.state}")


@consultations.command("schedule")
@click.argument("survey_id")
@click.option("--opens", required=True, callback=_date, help="First day open (YYYY-MM-DD).")
@click.option("--closes", required=True, callback=_date, help="Last day open (YYYY-MM-DD).")
@click.option("--reason", default="", help="Why the dates change (kept in the audit log).")
def schedule(survey_id, opens, closes, reason):
    """Reschedule or extend a consultation (dates in Europe/London)."""
    survey = _consultation(survey_id)
    try:
        status = reschedule(survey, opens, closes, actor="cli", reason=reason.strip() or None)
    except ActionRefused as exc:
        db.session.rollback()
        raise click.ClickException(f"refused: {exc}") from exc
    db.session.commit()
    click.echo(f"{survey.id}: {status.state}, opens {opens}, closes {closes}")


@export.command("responses")
@click.argument("survey_id")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def export_responses(survey_id, fmt, output):
    """One row per response, one column per question (values and labels)."""
    survey = _consultation(survey_id)
    with click.progressbar(length=1, label=f"Exporting {survey.id}") as bar:
        count = (write_csv if fmt == "csv" else write_xlsx)(survey, output)
        bar.update(1)
    click.echo(f"Wrote {count} responses to {output}")


@report.command("consultation")
@click.argument("survey_id")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def report_consultation(survey_id, output):
    """A PDF summary: counts, a chart per closed question, published excerpts."""
    survey = _consultation(survey_id)
    with open(output, "wb") as handle:
        handle.write(consultation_pdf(survey))
    click.echo(f"Wrote {output}")


def register(app: Flask) -> None:
    app.cli.add_command(consultations)

"""`flask retention apply [--dry-run]`: remove free text kept past its survey's retention."""

from __future__ import annotations

import click
from flask import Flask

from app import retention as rules
from app.clock import today
from app.extensions import empty_wal
from app.kept_forms import KEEP_HOURS
from app.models.base import utcnow
from app.runner.drafts import KEEP_DAYS

retention = click.Group("retention", help="Remove free text past the retention its survey sets.")


@retention.command("apply")
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
def apply_command(dry_run: bool):
    """Remove free-text answers N days after their survey closed (retention: free_text_days),
    unfinished drafts nobody has touched for 60 days, and forms kept when a session ended
    that are over 24 hours old; forget staff-voice submission keys past the retry window.
    On SQLite the WAL is then emptied, so no copy of what went is left in it."""
    plans = rules.apply(today(), dry_run=dry_run)
    verb = "Would remove" if dry_run else "Removed"
    for plan in plans:
        click.echo(f"{plan.target}: closed {plan.closed_on}, kept {plan.days} days. {verb} "
                   f"{plan.answers} free-text answers, {plan.redactions} redactions, "
                   f"{plan.names} names, {plan.drafts} unfinished drafts.")
    if not plans:
        click.echo("No free text is due for removal.")
    now = utcnow()
    counts = {kind: rules.expired(kind, now) if dry_run else rules.remove_expired(kind, now)
              for kind in ("drafts", "kept_forms")}
    click.echo(f"{verb} {counts['drafts']} unfinished drafts left untouched for {KEEP_DAYS} "
               "days.")
    click.echo(f"{verb} {counts['kept_forms']} forms kept when a session ended, over "
               f"{KEEP_HOURS} hours old.")
    keys = rules.forget_submission_keys(today(), dry_run=dry_run)
    click.echo(f"{'Would forget' if dry_run else 'Forgot'} {keys} submission keys of "
               f"staff-voice responses sent more than {rules.KEY_DAYS} day ago.")
    if not dry_run and not empty_wal():
        click.echo("The database's write-ahead log is in use and could not be emptied now: "
                   "run this again when it is quieter.", err=True)


def register(app: Flask) -> None:
    app.cli.add_command(retention)

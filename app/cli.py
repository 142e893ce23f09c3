"""Command-line tools: `flask users`, `flask orgs`, `flask seed-demo`, and each area's own group."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select

from app import commands, demo, passwords
from app.extensions import db
from app.models import ROLES, Organisation, System, User, record
from app.onboarding import MAX_FILE_BYTES, import_organisations

users = click.Group("users", help="Manage user accounts.")
orgs = click.Group("orgs", help="Manage organisations.")


@users.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(list(ROLES)))
@click.option("--name", default="", help="The person's full name.")
@click.option("--org", "org_code", help="Organisation code (org_lead, contributor).")
@click.option("--system", "system_code", help="ICS code (ics_lead).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(email, role, name, org_code, system_code, password_stdin):
    """Create a user. Asks for the password unless --password-stdin is given."""
    email = email.strip().lower()
    if db.session.scalar(select(User).where(User.email == email)):
        raise click.ClickException(f"a user with email {email} already exists")
    org = system = None
    if org_code:
        org = db.session.scalar(select(Organisation).where(Organisation.code == org_code.upper()))
        if org is None:
            raise click.ClickException(f"no organisation has code {org_code}")
    if system_code:
        system = db.session.scalar(select(System).where(System.code == system_code.upper()))
        if system is None:
            raise click.ClickException(f"no ICS has code {system_code}")
    if role in ("org_lead", "contributor") and org is None:
        raise click.ClickException(f"a {role} needs --org CODE")
    if role == "ics_lead" and system is None:
        raise click.ClickException("an ics_lead needs --system CODE")
    user = User(email=email, name=name, role=role, organisation=org, system=system, active=True,
                session_version=0)
    _set_password(user, password_stdin)
    db.session.add(user)
    record("user_created", email, actor="cli", role=role)
    db.session.commit()
    click.echo(f"Created {role} {email}")


@users.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def set_password(email, password_stdin):
    """Reset a user's password, ending all their sessions (for example an administrator who
    cannot sign in). Asks for the password unless --password-stdin is given."""
    email = email.strip().lower()
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        raise click.ClickException(f"no user has email {email}")
    _set_password(user, password_stdin)
    record("password_reset", email, actor="cli")
    db.session.commit()
    click.echo(f"Password set for {email}; their sessions have ended")


def _set_password(user: User, password_stdin: bool) -> None:
    """The password from standard input or a hidden prompt, checked by the password policy."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user.set_password(password)
    except passwords.WeakPassword as exc:
        raise click.ClickException(str(exc)) from exc


@orgs.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_orgs(file: Path):
    """Create or update systems and organisations from a CSV file
    (columns code,name,type,system_code,system_name). A file with a bad row imports nothing."""
    with file.open("rb") as handle:  # one byte past the limit at most, whatever the file is
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise click.ClickException(f"{file} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{file} is not UTF-8 text: save it as CSV UTF-8") from exc
    result = import_organisations(text, actor="cli")
    if result.errors:
        for error in result.errors:
            click.echo(f"{file}: {error}", err=True)
        raise click.ClickException(f"nothing imported: {len(result.errors)} bad row(s)")
    click.echo(f"Imported {file}: {result.created} organisations created, "
               f"{result.updated} updated, {result.systems} systems created")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database has any users.")
@click.option("--force", is_flag=True, help="Seed even though the database holds other data.")
def seed_demo(if_empty, force):
    """Create a fictional ICS with demo organisations and one sign-in per role."""
    if if_empty and not demo.is_empty():
        click.echo("Database already has data: demo not seeded.")
    else:
        if demo.has_real_data() and not force:
            raise click.ClickException(
                "this database holds data that is not demo data; use --force to seed anyway")
        demo.seed()
        click.echo("Demo data seeded.")
    click.echo(f"Demo sign-ins (password for all: {demo.DEMO_PASSWORD}):")
    for u in demo.DEMO_USERS:
        click.echo(f"  {ROLES[u['role']]:<18} {u['email']}")


def init_app(app: Flask) -> None:
    for command in (users, orgs, seed_demo):
        app.cli.add_command(command)
    commands.init_app(app)  # each area's own commands (app/commands/)

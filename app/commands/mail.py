"""`flask mail send`: queue the reminders due today, then deliver every message due in the
outbox (run it from cron every few minutes; docs/mail.md). """

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from app import clock, webhooks
from app.consultations.announcements import announce_schedules
from app.extensions import db
from app.mail import MailSettings, deliver
from app.mail.reminders import queue_reminders
from app.models.base import utcnow
from app.models.mail import OutboxMessage

mail = click.Group("mail", help="Email: the outbox and its delivery.")


@mail.command("send")
@click.option("--no-reminders", is_flag=True, help="Deliver what waits; queue no reminders.")
def send(no_reminders: bool):
    """Queue today's reminders, then send every message due. A message that cannot be sent is
    tried again on a later run, waiting longer each time; after 8 tries it is marked failed
    (see /admin/outbox). Webhook deliveries due are posted too (/admin/webhooks). Exits 1 if
    any message failed this time."""
    now = utcnow()
    if not no_reminders:
        queued = queue_reminders(clock.today(), now)
        db.session.commit()
        click.echo(f"Queued {queued} reminder(s).")
    _post_webhooks(now, quiet=True)
    settings = MailSettings.from_config(current_app.config)
    if not settings.server:
        waiting = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.sent_at.is_(None), OutboxMessage.gave_up.is_(False)))
        raise click.ClickException(f"no mail server is set (HWB_MAIL_SERVER): {waiting} "
                                   "message(s) wait in the outbox")

    def progress(messages):
        with click.progressbar(messages, label="Sending") as bar:
            yield from bar

    sent, failed = deliver(settings, now, progress)
    click.echo(f"Sent {sent} message(s); {failed} could not be sent and will be tried again.")
    if failed:
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(mail)


@mail.command("webhooks")
def send_webhooks():
    """Announce consultations opened or closed by their schedule, and post every webhook
    delivery due, as `flask mail send` does, without the mail."""
    _post_webhooks(utcnow(), quiet=False)


def _post_webhooks(now, quiet: bool) -> None:
    # Webhooks share this worker (app/webhooks/): their deliveries wait as rows like the mail,
    # and a schedule's open or close is noticed here, as nobody acts for it.
    announce_schedules()
    db.session.commit()
    posted, unposted = webhooks.deliver_due(now, webhooks.allow_private(current_app.config))
    if posted or unposted or not quiet:
        click.echo(f"Webhooks: delivered {posted}; {unposted} will be tried again.")

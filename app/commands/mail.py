"""`flask mail send`: queue the reminders due today, then deliver every message due in the
outbox (run it from cron every few minutes; docs/mail.md). """

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from app import clock, webhooks
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
    # Webhooks share this worker (app/webhooks/): their deliveries wait as rows like the mail.
    posted, unposted = webhooks.deliver_due(now, webhooks.allow_private(current_app.config))
    if posted or unposted:
        click.echo(f"Webhooks: delivered {posted}; {unposted} will be tried again.")
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
    """Post every webhook delivery due, as `flask mail send` does, without the mail."""
    posted, unposted = webhooks.deliver_due(utcnow(), webhooks.allow_private(current_app.config))
    click.echo(f"Webhooks: delivered {posted}; {unposted} will be tried again.")

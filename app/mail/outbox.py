"""Queueing and delivering email. Messages are rows first; delivery is a separate step, run by
`flask mail send` (from cron), so a page never waits on a mail server and an outage loses
nothing: a failed message is retried later, waiting longer each time, and after MAX_ATTEMPTS
it is marked failed, for an admin to see at /admin/outbox."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select

from app.extensions import db
from app.models.mail import OutboxMessage

MAX_ATTEMPTS = 8
FIRST_WAIT = timedelta(minutes=5)  # then 10, 20, 40 ... minutes: about 21 hours in all


@dataclass(frozen=True)
class MailSettings:
    """How to reach the mail server (MAIL_* settings; an empty server sends nothing)."""

    server: str
    port: int
    sender: str
    use_tls: bool = True  # STARTTLS on a plain connection
    use_ssl: bool = False  # TLS from the start (port 465)
    username: str = ""
    password: str = ""
    timeout: float = 20.0

    @classmethod
    def from_config(cls, config) -> MailSettings:
        def flag(name: str) -> bool:
            return str(config.get(name, "")).strip().lower() in ("1", "true", "yes", "on")

        return cls(str(config.get("MAIL_SERVER", "")).strip(), int(config.get("MAIL_PORT", 587)),
                   str(config.get("MAIL_SENDER", "")), flag("MAIL_USE_TLS"),
                   flag("MAIL_USE_SSL"), str(config.get("MAIL_USERNAME", "")),
                   str(config.get("MAIL_PASSWORD", "")))

    def connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.use_ssl:
            smtp = smtplib.SMTP_SSL(self.server, self.port, timeout=self.timeout,
                                    context=context)
        else:
            smtp = smtplib.SMTP(self.server, self.port, timeout=self.timeout)
            if self.use_tls:
                smtp.starttls(context=context)
        if self.username:
            smtp.login(self.username, self.password)
        return smtp


def queue(to: str, subject: str, body: str, kind: str, key: str | None = None,
          now: datetime | None = None) -> OutboxMessage | None:
    """Add a message to the outbox (the caller commits). With a key already used, nothing is
    added: a reminder is queued once however often the reminders run."""
    if key is not None and db.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
        return None
    message = OutboxMessage(to_address=to, subject=subject, body=body, kind=kind, key=key)
    if now is not None:
        message.created_at = message.next_try_at = now
    db.session.add(message)
    return message


def due(now: datetime) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.sent_at.is_(None), OutboxMessage.gave_up.is_(False),
        OutboxMessage.next_try_at <= now).order_by(OutboxMessage.id)))


def as_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    email.set_content(message.body)
    return email


def deliver(settings: MailSettings, now: datetime,
            progress: Callable[[Iterable], Iterable] = iter) -> tuple[int, int]:
    """Send every due message over one connection: (sent, failed this time). A message that
    cannot be sent, or a server that cannot be reached, is tried again later; each message is
    committed as it goes, so a crash part way sends nothing twice."""
    messages = due(now)
    if not messages:
        return 0, 0
    sent = failed = 0
    try:
        smtp = settings.connect()
    except (OSError, smtplib.SMTPException) as error:  # down, refused, TLS or login failing
        for message in messages:
            _failed(message, now, f"could not reach the mail server: {error}")
        db.session.commit()
        return 0, len(messages)
    with smtp:
        for message in progress(messages):
            try:
                smtp.send_message(as_email(message, settings.sender))
            except (OSError, smtplib.SMTPException) as error:
                _failed(message, now, str(error))
                failed += 1
            else:
                message.sent_at = now
                sent += 1
            db.session.commit()
    return sent, failed


def _failed(message: OutboxMessage, now: datetime, error: str) -> None:
    message.attempts += 1
    message.last_error = error[:500]
    if message.attempts >= MAX_ATTEMPTS:
        message.gave_up = True
    message.next_try_at = now + FIRST_WAIT * 2 ** (message.attempts - 1)

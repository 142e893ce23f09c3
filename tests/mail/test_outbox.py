"""The outbox (app/mail/outbox.py) against a real SMTP server on loopback: what is queued is
delivered once; a server that is down or refusing loses nothing, and the message goes when it is
back; after MAX_ATTEMPTS tries a message is marked failed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.mail import MailSettings, deliver, queue
from app.mail.outbox import FIRST_WAIT, MAX_ATTEMPTS
from app.models.mail import OutboxMessage

NOW = datetime(2026, 12, 3, 9, 0)


def settings(app) -> MailSettings:
    return MailSettings.from_config(app.config)


def test_a_queued_message_is_delivered_once_as_written(app, smtp_server):
    queue("lead@example.nhs.uk", "Staff survey closes Friday", "Hello,\n\nIt closes soon.",
          "wave_closing", now=NOW)
    db.session.commit()
    assert deliver(settings(app), NOW) == (1, 0)
    assert deliver(settings(app), NOW + timedelta(hours=1)) == (0, 0)  # nothing twice
    [got] = smtp_server.messages
    assert got["To"] == "lead@example.nhs.uk" and got["From"] == "wellbeing@example.nhs.uk"
    assert got["Subject"] == "Staff survey closes Friday"
    assert got.get_payload(decode=True).decode().replace("\r\n", "\n").strip() == (
        "Hello,\n\nIt closes soon.")
    assert db.session.scalar(select(OutboxMessage)).status == "Sent"


def test_a_key_queues_a_message_once(app):
    assert queue("a@example.nhs.uk", "S", "B", "wave_closing", key="wave_closing:1:1")
    db.session.commit()
    assert queue("a@example.nhs.uk", "S", "B", "wave_closing", key="wave_closing:1:1") is None
    assert len(db.session.scalars(select(OutboxMessage)).all()) == 1


def test_a_server_outage_loses_nothing(app, smtp_server):
    for n in range(3):
        queue(f"person{n}@example.nhs.uk", f"Message {n}", "Body", "test", now=NOW)
    db.session.commit()
    smtp_server.stop()
    assert deliver(settings(app), NOW) == (0, 3)
    waiting = db.session.scalars(select(OutboxMessage)).all()
    assert {m.status for m in waiting} == {"Retrying"}
    assert all("could not reach the mail server" in m.last_error for m in waiting)
    # not tried again before its wait is over, then delivered when the server is back
    smtp_server.start()
    assert deliver(settings(app), NOW + FIRST_WAIT / 2) == (0, 0)
    assert deliver(settings(app), NOW + FIRST_WAIT) == (3, 0)
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "person0@example.nhs.uk", "person1@example.nhs.uk", "person2@example.nhs.uk"]


def test_a_server_that_refuses_is_retried_with_longer_waits_then_the_message_fails(
        app, smtp_server):
    queue("a@example.nhs.uk", "S", "B", "test", now=NOW)
    db.session.commit()
    smtp_server.inbox.refuse = True
    when, waits = NOW, []
    for _ in range(MAX_ATTEMPTS):
        assert deliver(settings(app), when) == (0, 1)
        message = db.session.scalar(select(OutboxMessage))
        waits.append(message.next_try_at - when)
        when = message.next_try_at
    assert waits == [FIRST_WAIT * 2 ** n for n in range(MAX_ATTEMPTS)]
    assert message.status == "Failed" and "451" in message.last_error
    smtp_server.inbox.refuse = False
    assert deliver(settings(app), when + timedelta(days=30)) == (0, 0)  # given up: not sent
    assert smtp_server.messages == []


def test_settings_come_from_the_config(app):
    app.config.update({"MAIL_SERVER": " smtp.example.nhs.uk ", "MAIL_PORT": "465",
                       "MAIL_USE_SSL": "true", "MAIL_USE_TLS": "0", "MAIL_USERNAME": "u"})
    got = settings(app)
    assert (got.server, got.port, got.use_ssl, got.use_tls, got.username) == (
        "smtp.example.nhs.uk", 465, True, False, "u")

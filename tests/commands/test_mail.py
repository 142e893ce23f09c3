"""`flask mail send`: queues today's reminders, delivers through the configured server, says
what happened, and exits 1 when something could not be sent (for cron to notice)."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.mail import queue
from app.models.mail import OutboxMessage


def test_send_delivers_what_waits(app, runner, smtp_server):
    queue("a@example.nhs.uk", "Subject", "Body", "test")
    db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 message(s); 0 could not be sent" in result.output
    assert [m["To"] for m in smtp_server.messages] == ["a@example.nhs.uk"]


def test_send_with_the_server_down_keeps_the_message_and_fails(app, runner, smtp_server):
    queue("a@example.nhs.uk", "Subject", "Body", "test")
    db.session.commit()
    smtp_server.stop()
    result = runner.invoke(args=["mail", "send", "--no-reminders"])
    assert result.exit_code == 1
    assert "1 could not be sent and will be tried again" in result.output
    assert db.session.scalar(select(OutboxMessage)).status == "Retrying"


def test_send_without_a_server_says_so(app, runner):
    queue("a@example.nhs.uk", "Subject", "Body", "test")
    db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 1
    assert "no mail server is set (HWB_MAIL_SERVER): 1 message(s) wait" in result.output

"""The outbox: every email the platform sends is a row here first (app/mail/), so a mail server
that is down loses nothing: `flask mail send` delivers what is due and retries what failed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import IdKey, utcnow


class OutboxMessage(IdKey, db.Model):
    __tablename__ = "outbox_messages"

    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))  # "wave_closing", "consultation_closing", ...
    # One message per key ever: a reminder run twice queues it once ("wave_closing:12:3").
    key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def status(self) -> str:
        if self.sent_at:
            return "Sent"
        return "Failed" if self.gave_up else "Waiting" if self.attempts == 0 else "Retrying"

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"

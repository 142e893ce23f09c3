"""Webhooks (app/webhooks/): endpoints admins register, and each delivery of an event to one,
kept as a row first and posted by the worker, so nothing is lost to a restart or an outage."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow


class WebhookEndpoint(IdKey, db.Model):
    __tablename__ = "webhook_endpoints"

    url: Mapped[str] = mapped_column(String(500))
    events: Mapped[str] = mapped_column(Text, default="")  # event names, comma separated
    secret: Mapped[str] = mapped_column(String(80))  # "whsec_" + base64: signs each delivery
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    failing: Mapped[int] = mapped_column(Integer, default=0)  # deliveries given up in a row
    disabled_reason: Mapped[str] = mapped_column(Text, default="")

    deliveries: Mapped[list[WebhookDelivery]] = relationship(
        back_populates="endpoint", cascade="all, delete-orphan", passive_deletes=True,
        order_by=lambda: WebhookDelivery.id.desc())

    @property
    def event_list(self) -> list[str]:
        return [e for e in self.events.split(",") if e]


class WebhookDelivery(IdKey, db.Model):
    __tablename__ = "webhook_deliveries"

    endpoint_id: Mapped[int] = belongs_to("webhook_endpoints.id")
    event: Mapped[str] = mapped_column(String(80))
    message_id: Mapped[str] = mapped_column(String(40))  # the same on every try and replay
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")

    endpoint: Mapped[WebhookEndpoint] = relationship(back_populates="deliveries")

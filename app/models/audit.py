"""The audit log: who did what, to what, and when."""

from __future__ import annotations

import json
from datetime import datetime

from flask_login import current_user
from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import IdKey, utcnow


class AuditEvent(IdKey, db.Model):
    __tablename__ = "audit_events"

    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Kept as text too, so the log still reads well if the user is later removed.
    actor: Mapped[str] = mapped_column(String(254), default="system")
    action: Mapped[str] = mapped_column(String(80), index=True)
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")

    @property
    def detail_dict(self) -> dict:
        return json.loads(self.detail or "{}")


def record(action: str, target: str = "", actor=None, **detail) -> AuditEvent:
    """Add an audit event to the current transaction (the caller commits)."""
    if actor is None:
        try:
            actor = current_user if current_user and current_user.is_authenticated else None
        except RuntimeError:  # outside a request (CLI)
            actor = None
    name = getattr(actor, "email", None) or (actor if isinstance(actor, str) else "system")
    # Cut to the column sizes: PostgreSQL refuses longer text (a 250-character email address is
    # valid, and a sign-in failure records what was typed).
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        actor=name[:254],
        action=action[:80],
        target=str(target)[:200],
        detail=json.dumps(detail, default=str, sort_keys=True),
    )
    db.session.add(event)
    return event

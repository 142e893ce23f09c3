"""A form kept when its sender's session ended before it was saved (app/kept_forms.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow


class KeptForm(IdKey, db.Model):
    __tablename__ = "kept_forms"

    # In the page's address, so unguessable; shown only to the user it belongs to.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = belongs_to("users.id")
    path: Mapped[str] = mapped_column(String(500))  # where the form was sent
    fields: Mapped[str] = mapped_column(Text)  # JSON list of [name, value], in the sent order
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

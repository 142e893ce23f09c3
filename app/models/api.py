"""Personal API tokens (app/api_tokens.py): a person's key to /api/v1/, with exactly their
access. Only a hash of the token is kept; its first characters name it on the page."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow
from app.models.user import User


class ApiToken(IdKey, db.Model):
    __tablename__ = "api_tokens"

    user_id: Mapped[int] = belongs_to("users.id")
    name: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token
    prefix: Mapped[str] = mapped_column(String(16))  # its first characters, to recognise it
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_on: Mapped[date] = mapped_column(Date)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Requests in the current minute, for the rate limit shared by every worker.
    window_start: Mapped[datetime | None] = mapped_column(DateTime)
    window_count: Mapped[int] = mapped_column(Integer, default=0)

    user: Mapped[User] = relationship()

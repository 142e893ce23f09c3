"""Who gets reminders (active people who have not turned them off) and the line that tells
them how to stop."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.urls import external_url

SIGN_OFF = ("\n\nYou get this email because you use the NHS health and wellbeing platform. "
            "You can turn reminders off on your account page: {account}\n")


def people(**where) -> list[User]:
    query = select(User).where(User.active.is_(True), User.reminders.is_(True))
    for name, value in where.items():
        query = query.where(getattr(User, name) == value)
    return list(db.session.scalars(query.order_by(User.id)))


def footer() -> str:
    return SIGN_OFF.format(account=external_url("account.reminders"))

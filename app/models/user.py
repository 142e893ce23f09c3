"""Users, roles and the shared sign-in throttle."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app import passwords
from app.extensions import db
from app.models.base import IdKey, utcnow
from app.models.org import Organisation, System

ROLES = {
    "admin": "Administrator",
    "ics_lead": "ICS lead",
    "org_lead": "Organisation lead",
    "contributor": "Contributor",
}


class User(IdKey, UserMixin, db.Model):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    system_id: Mapped[int | None] = mapped_column(ForeignKey("systems.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    # Bumped whenever a session should end everywhere (app/sessions.py: end_everywhere).
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    # Reminder emails (app/mail/reminders.py); a person may turn them off on their account page.
    reminders: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    system: Mapped[System | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return bool(self.active)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def set_password(self, password: str) -> None:
        """Refuses a password the policy refuses (WeakPassword), whoever sets it: forms check
        first to show the reason. Ends every session this person had."""
        passwords.require_acceptable(password, [self.email, self.name])
        # scrypt, werkzeug's default: memory-hard and salted.
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def scope_system_id(self) -> int | None:
        """The ICS this user works within, whether set directly or through their organisation."""
        if self.system_id:
            return self.system_id
        return self.organisation.system_id if self.organisation else None

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginAttempt(IdKey, db.Model):
    """Failed sign-ins and access codes, kept in the database so every worker process sees the
    same counts (app/throttle.py)."""

    __tablename__ = "login_attempts"

    key: Mapped[str] = mapped_column(String(300), index=True)  # "account:EMAIL" or "wave:ID"
    # Keyed hashes: of the client's address, and of the device cookie it showed, if any.
    client: Mapped[str] = mapped_column(String(40), index=True, default="")
    device: Mapped[str | None] = mapped_column(String(40), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Invitation(IdKey, db.Model):
    """An organisation lead's invitation to a contributor (app/diagnostic/invitations.py): a
    single-use link, valid for a week, that sets the new account's password. Only a hash of
    the link's token is kept, as for passwords."""

    __tablename__ = "invitations"

    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    elements: Mapped[str] = mapped_column(String(1000), default="")  # element ids, comma-joined
    invited_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)

    organisation: Mapped[Organisation] = relationship()

    @property
    def element_ids(self) -> list[str]:
        return [e for e in self.elements.split(",") if e]

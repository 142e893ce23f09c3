"""SQLAlchemy 2.0 typed models, one module per area. Import them here so Alembic sees them all."""

from app.models.audit import AuditEvent, record
from app.models.org import ORG_TYPES, Organisation, System
from app.models.user import ROLES, LoginAttempt, User

__all__ = [
    "AuditEvent", "LoginAttempt", "ORG_TYPES", "Organisation", "ROLES", "System", "User", "record",
]

"""SQLAlchemy 2.0 typed models, one module per area. Import them here so Alembic sees them all."""

from app.models.api import ApiToken  # noqa: F401
from app.models.audit import AuditEvent, record
from app.models.consultation import ConsultationResponse, ConsultationState, Redaction
from app.models.diagnostic import (  # noqa: F401
    Action,
    Assessment,
    ElementAssignment,
    ElementDiscussion,
    ItemAnswer,
    PlanStep,
    StagedPlan,
)
from app.models.ics import AnalystTag, BuddyAgreement, TagAssignment  # noqa: F401
from app.models.kept import KeptForm  # noqa: F401
from app.models.mail import OutboxMessage  # noqa: F401
from app.models.national_survey import StaffSurveyScore  # noqa: F401
from app.models.org import ORG_TYPES, Organisation, System
from app.models.release import Release, ReleaseFigure  # noqa: F401
from app.models.staff_voice import AccessCode, AnswerCount, BandCount, Wave  # noqa: F401
from app.models.survey import DefinitionSnapshot, Response, SurveyDraft, answers_table
from app.models.themes import AnalysisTheme, ThemeAnalysis, ThemeCode  # noqa: F401
from app.models.user import ROLES, Invitation, LoginAttempt, User  # noqa: F401
from app.models.webhooks import WebhookDelivery, WebhookEndpoint  # noqa: F401

__all__ = [
    "AuditEvent", "ConsultationResponse", "ConsultationState", "DefinitionSnapshot", "Redaction",
    "Response", "SurveyDraft", "answers_table",
    "LoginAttempt", "ORG_TYPES", "Organisation", "ROLES", "System", "User", "record",
]

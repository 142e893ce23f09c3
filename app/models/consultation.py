"""Consultations: the admin-controlled state of each one, respondents' details kept apart from
the generic response row, redactions, and the published "We asked, you said, we did"."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow


class ConsultationState(db.Model):
    """One row per consultation: admin overrides of the schedule, and the row that submissions
    and closes lock, so a submission racing a close cannot slip in."""

    __tablename__ = "consultation_states"

    survey_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    # Replace the definition's schedule when set (reschedule / extend).
    opens: Mapped[date | None] = mapped_column(Date)
    closes: Mapped[date | None] = mapped_column(Date)
    # "open" or "closed" forces the status; None follows the schedule.
    forced: Mapped[str | None] = mapped_column(String(10))
    forced_at: Mapped[datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    # Bumped by every locking write; also what SQLite's writer lock is taken on.
    lock_version: Mapped[int] = mapped_column(Integer, default=0)
    # "We asked, you said, we did": the draft admins edit, and the copy the public sees, taken
    # from the draft when it is published, so saving a draft never changes the public page.
    we_asked: Mapped[str | None] = mapped_column(Text)
    you_said: Mapped[str | None] = mapped_column(Text)
    we_did: Mapped[str | None] = mapped_column(Text)
    published_we_asked: Mapped[str | None] = mapped_column(Text)
    published_you_said: Mapped[str | None] = mapped_column(Text)
    published_we_did: Mapped[str | None] = mapped_column(Text)
    summary_published_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The phase last announced to webhooks ("open", "closed"): a schedule's change is announced
    # once, by the worker (app/consultations/announcements.py).
    announced: Mapped[str | None] = mapped_column(String(20))

    def publish_summary(self, when: datetime) -> None:
        self.published_we_asked, self.published_you_said, self.published_we_did = self._draft
        self.summary_published_at = when

    @property
    def published_summary(self) -> PublishedSummary | None:
        if self.summary_published_at is None:
            return None
        return PublishedSummary(self.published_we_asked or "", self.published_you_said or "",
                                self.published_we_did or "", self.summary_published_at)

    @property
    def draft_differs(self) -> bool:
        """Whether the draft has changes the public page does not show yet."""
        published = (self.published_we_asked, self.published_you_said, self.published_we_did)
        return self.summary_published_at is not None and self._draft != published

    @property
    def _draft(self) -> tuple[str | None, str | None, str | None]:
        return self.we_asked, self.you_said, self.we_did


class PublishedSummary(NamedTuple):
    we_asked: str
    you_said: str
    we_did: str
    published_at: datetime


class ConsultationResponse(db.Model):
    """What a consultation keeps about a response beyond the generic row."""

    __tablename__ = "consultation_responses"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(100), index=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    respondent_type: Mapped[str | None] = mapped_column(String(100))
    respondent_name: Mapped[str | None] = mapped_column(String(200))
    publish_consent: Mapped[str | None] = mapped_column(String(40))
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(254))

    response = relationship("Response")
    redactions = relationship("Redaction", order_by="Redaction.id", cascade="all, delete-orphan",
                              back_populates="consultation_response")

    @property
    def may_publish(self) -> bool:
        return self.publish_consent in ("publish_with_name", "publish_anonymously")


class Redaction(IdKey, db.Model):
    """A passage of one free-text answer hidden from publication, with the reason recorded."""

    __tablename__ = "consultation_redactions"

    response_id: Mapped[int] = belongs_to("consultation_responses.response_id")
    question_id: Mapped[str] = mapped_column(String(200))
    passage: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    consultation_response = relationship("ConsultationResponse", back_populates="redactions")

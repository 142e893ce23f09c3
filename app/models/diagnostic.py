"""The diagnostic: an organisation's self-assessment against a framework definition, by cycle.

The definition (elements, sub-areas, items, rating scale) lives in survey_defs/; rows here keep
only ids from it, plus the definition id and version each assessment was made against.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow
from app.models.org import Organisation, System
from app.models.user import User

MODES = {"full": "Full: ratings, current offer, evidence, gaps and actions",
         "quick": "Quick: ratings only"}
ACTION_STATUSES = {"not_started": "Not started", "in_progress": "In progress", "done": "Done"}


class Assessment(IdKey, db.Model):
    """One organisation's diagnostic for one cycle, e.g. "2026 Q1"."""

    __tablename__ = "diagnostic_assessments"
    __table_args__ = (UniqueConstraint("organisation_id", "cycle"),)

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    cycle: Mapped[str] = mapped_column(String(40))
    definition_id: Mapped[str] = mapped_column(String(80))
    definition_version: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(10), default="full")
    copied_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("diagnostic_assessments.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Signed off by the organisation's lead (app/diagnostic/signoff.py): answers are locked
    # until it is reopened.
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by: Mapped[str | None] = mapped_column(String(254))

    organisation: Mapped[Organisation] = relationship()
    answers: Mapped[list[ItemAnswer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan")
    actions: Mapped[list[Action]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="Action.id")
    discussions: Mapped[list[ElementDiscussion]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan")

    @property
    def quick(self) -> bool:
        return self.mode == "quick"

    def answer_map(self) -> dict[str, ItemAnswer]:
        return {a.item_id: a for a in self.answers}

    def discussion_map(self) -> dict[str, ElementDiscussion]:
        return {d.element_id: d for d in self.discussions}

    def __repr__(self) -> str:
        return f"<Assessment {self.organisation_id} {self.cycle}>"


class ItemAnswer(IdKey, db.Model):
    """The answer to one item. `version` rises with every save, so a save based on an older
    version can be refused instead of overwriting someone else's text."""

    __tablename__ = "diagnostic_item_answers"
    __table_args__ = (UniqueConstraint("assessment_id", "item_id"),)

    assessment_id: Mapped[int] = belongs_to("diagnostic_assessments.id")
    item_id: Mapped[str] = mapped_column(String(80))
    rating: Mapped[str | None] = mapped_column(String(20))
    offer: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    evidence_links: Mapped[str] = mapped_column(Text, default="")  # one address per line
    gaps: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
    updated_by: Mapped[User | None] = relationship()

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in (self.evidence_links or "").splitlines() if line.strip()]


class Action(IdKey, db.Model):
    __tablename__ = "diagnostic_actions"

    assessment_id: Mapped[int] = belongs_to("diagnostic_assessments.id")
    item_id: Mapped[str] = mapped_column(String(80))
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="actions")

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES.get(self.status, self.status)


class ElementDiscussion(IdKey, db.Model):
    """The short record that closes an element: what was discussed and decided, and when."""

    __tablename__ = "diagnostic_discussions"
    __table_args__ = (UniqueConstraint("assessment_id", "element_id"),)

    assessment_id: Mapped[int] = belongs_to("diagnostic_assessments.id")
    element_id: Mapped[str] = mapped_column(String(80))
    notes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[date | None] = mapped_column(Date)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)

    assessment: Mapped[Assessment] = relationship(back_populates="discussions")


class ElementAssignment(IdKey, db.Model):
    """An org lead hands an element to a contributor, who may then edit it (and only it)."""

    __tablename__ = "diagnostic_assignments"
    __table_args__ = (UniqueConstraint("organisation_id", "element_id", "user_id"),)

    organisation_id: Mapped[int] = belongs_to("organisations.id")
    element_id: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int] = belongs_to("users.id")

    user: Mapped[User] = relationship()


ORDER_RULES = {"warn": "Warn, but let them complete it",
               "refuse": "Refuse until the earlier elements are complete"}


class StagedPlan(IdKey, db.Model):
    """An ICS's plan for working through the diagnostic: a start and due date per element, and
    what happens when an organisation completes an element ahead of an earlier one."""

    __tablename__ = "diagnostic_plans"
    __table_args__ = (UniqueConstraint("system_id", "definition_id"),)

    system_id: Mapped[int] = belongs_to("systems.id")
    definition_id: Mapped[str] = mapped_column(String(80))
    out_of_order: Mapped[str] = mapped_column(String(10), default="warn",
                                              server_default="warn")  # ORDER_RULES
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    system: Mapped[System] = relationship()
    steps: Mapped[list[PlanStep]] = relationship(
        back_populates="plan", cascade="all, delete-orphan",
        order_by=lambda: [PlanStep.starts_on, PlanStep.id])

    def starts(self) -> dict[str, date]:
        return {s.element_id: s.starts_on for s in self.steps}

    def dues(self) -> dict[str, date]:
        return {s.element_id: s.due_on for s in self.steps if s.due_on}


class PlanStep(IdKey, db.Model):
    __tablename__ = "diagnostic_plan_steps"
    __table_args__ = (UniqueConstraint("plan_id", "element_id"),)

    plan_id: Mapped[int] = belongs_to("diagnostic_plans.id")
    element_id: Mapped[str] = mapped_column(String(80))
    starts_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)  # None on plans saved before due dates

    plan: Mapped[StagedPlan] = relationship(back_populates="steps")

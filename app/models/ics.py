"""ICS analyst tags: names an ICS lead gives to themes, and which free texts carry each one.

A tag belongs to one system. An assignment points at either an item answer (its gaps text) or an
action; deleting the answer, the action or the tag removes the assignment with it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow
from app.models.diagnostic import Action, ItemAnswer
from app.models.org import Organisation, System


class AnalystTag(IdKey, db.Model):
    __tablename__ = "ics_tags"
    __table_args__ = (UniqueConstraint("system_id", "name"),)

    system_id: Mapped[int] = belongs_to("systems.id")
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    system: Mapped[System] = relationship()
    assignments: Mapped[list[TagAssignment]] = relationship(
        back_populates="tag", cascade="all, delete-orphan", passive_deletes=True)


class TagAssignment(IdKey, db.Model):
    """One free text carrying one tag: exactly one of answer_id (gaps) or action_id is set."""

    __tablename__ = "ics_tag_assignments"
    __table_args__ = (UniqueConstraint("tag_id", "answer_id", "action_id"),)

    tag_id: Mapped[int] = belongs_to("ics_tags.id")
    answer_id: Mapped[int | None] = belongs_to("diagnostic_item_answers.id")
    action_id: Mapped[int | None] = belongs_to("diagnostic_actions.id")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    tag: Mapped[AnalystTag] = relationship(back_populates="assignments")
    answer: Mapped[ItemAnswer | None] = relationship()
    action: Mapped[Action | None] = relationship()


class BuddyAgreement(IdKey, db.Model):
    """Two organisations of a system agree to pair up on an element (app/diagnostic/buddying.py):
    the one that rates itself weak learns from the strong one; followed up on a date."""

    __tablename__ = "ics_buddy_agreements"

    system_id: Mapped[int] = belongs_to("systems.id")
    element_id: Mapped[str] = mapped_column(String(80))
    learner_id: Mapped[int] = belongs_to("organisations.id")
    buddy_id: Mapped[int] = belongs_to("organisations.id")
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    agreed_by: Mapped[str] = mapped_column(String(254))
    agreed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    learner: Mapped[Organisation] = relationship(foreign_keys=[learner_id])
    buddy: Mapped[Organisation] = relationship(foreign_keys=[buddy_id])

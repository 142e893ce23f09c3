"""NHS Staff Survey theme scores, as published for an organisation, imported by an admin
(app/national_survey/)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow
from app.models.org import Organisation


class StaffSurveyScore(IdKey, db.Model):
    """One theme's score out of 10 for one organisation and survey year, with the median of the
    organisation's benchmark group that year."""

    __tablename__ = "staff_survey_scores"
    __table_args__ = (UniqueConstraint("organisation_id", "year", "theme"),)

    organisation_id: Mapped[int] = belongs_to("organisations.id")
    year: Mapped[int] = mapped_column(Integer)
    theme: Mapped[str] = mapped_column(String(40))  # a key of app.national_survey.THEMES
    score: Mapped[float] = mapped_column(Float)
    benchmark_median: Mapped[float] = mapped_column(Float)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(254))

    organisation: Mapped[Organisation] = relationship()

    def __repr__(self) -> str:
        return f"<StaffSurveyScore {self.organisation_id} {self.year} {self.theme}>"

"""Stored NHS Staff Survey theme scores, read back: as evidence on a diagnostic element, and as
a list of what has been imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.formatting import decimal
from app.models import Organisation
from app.models.national_survey import StaffSurveyScore
from app.national_survey.themes import BY_KEY, THEMES, Theme, themes_for


def score_text(value: float) -> str:
    """A score as published: 6.1, or 6.05 when it has two places."""
    return decimal(value, 1 if round(value, 1) == value else 2)


# Under the scores wherever they are shown: what the figures are.
NATIONAL_NOTE = "theme scores out of 10 for all staff, as published, beside the median of the " \
    "organisation's benchmark group"


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    year: int
    score: float
    benchmark_median: float

    def __str__(self) -> str:
        return (f"{self.theme.name}: {score_text(self.score)} (benchmark group median "
                f"{score_text(self.benchmark_median)}), NHS Staff Survey {self.year}")


def scores_for(organisation: Organisation, element_id: str) -> list[ThemeScore]:
    """The scores of the organisation's latest imported survey year for the themes that inform
    the element, in the survey's order of themes."""
    keys = [theme.key for theme in themes_for(element_id)]
    if not keys:
        return []
    latest = db.session.scalar(select(func.max(StaffSurveyScore.year))
                               .where(StaffSurveyScore.organisation_id == organisation.id))
    if latest is None:
        return []
    rows = db.session.scalars(select(StaffSurveyScore).where(
        StaffSurveyScore.organisation_id == organisation.id, StaffSurveyScore.year == latest,
        StaffSurveyScore.theme.in_(keys)))
    order = {theme.key: i for i, theme in enumerate(THEMES)}
    return [ThemeScore(BY_KEY[row.theme], row.year, row.score, row.benchmark_median)
            for row in sorted(rows, key=lambda row: order[row.theme])]


@dataclass(frozen=True)
class ImportedYear:
    organisation: Organisation
    year: int
    themes: int
    imported_at: datetime


def imported_years() -> list[ImportedYear]:
    """What is stored, an organisation and year at a time: by organisation, latest year first."""
    found = db.session.execute(
        select(Organisation, StaffSurveyScore.year, func.count(),
               func.max(StaffSurveyScore.imported_at))
        .join(StaffSurveyScore, StaffSurveyScore.organisation_id == Organisation.id)
        .group_by(Organisation.id, StaffSurveyScore.year)
        .order_by(Organisation.name, StaffSurveyScore.year.desc()))
    return [ImportedYear(org, year, themes, at) for org, year, themes, at in found]

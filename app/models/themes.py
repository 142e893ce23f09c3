"""Theme analyses of free text (app/analysis/theming/, docs/themes.md): one per body of text
(a consultation's free-text question, or an ICS's gaps and actions), its themes, and what each
analyst coded. Texts are named by a key from their source (app/analysis/theming/corpora.py),
so nothing here copies what people wrote."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to, utcnow

SCOPES = ("consultation", "ics")
CODERS = ("analyst", "second")  # the analyst, and a second analyst coding a sample blind


class ThemeAnalysis(IdKey, db.Model):
    __tablename__ = "theme_analyses"
    __table_args__ = (UniqueConstraint("scope", "scope_key"),)

    scope: Mapped[str] = mapped_column(String(20))
    scope_key: Mapped[str] = mapped_column(String(200))  # "survey/question" or a system code
    state: Mapped[str] = mapped_column(String(20), default="draft")  # or "signed_off"
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(254), default="")
    signed_off_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_off_by: Mapped[str | None] = mapped_column(String(254))
    texts: Mapped[int] = mapped_column(Integer, default=0)  # texts when themes were found
    digest: Mapped[str] = mapped_column(String(64), default="")  # of those texts
    found: Mapped[str] = mapped_column(Text, default="{}")  # discovery's figures, JSON
    mapping: Mapped[str] = mapped_column(Text, default="{}")  # text key -> theme ids, JSON
    queue: Mapped[str] = mapped_column(Text, default="[]")  # text keys, least sure first
    mapped_at: Mapped[datetime | None] = mapped_column(DateTime)

    themes: Mapped[list[AnalysisTheme]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan",
        order_by=lambda: [AnalysisTheme.position, AnalysisTheme.id])
    codes: Mapped[list[ThemeCode]] = relationship(
        back_populates="analysis", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def signed_off(self) -> bool:
        return self.state == "signed_off"

    def loaded(self, column: str):
        return json.loads(getattr(self, column) or "null")


class AnalysisTheme(IdKey, db.Model):
    __tablename__ = "theme_analysis_themes"

    analysis_id: Mapped[int] = belongs_to("theme_analyses.id")
    name: Mapped[str] = mapped_column(String(120))
    terms: Mapped[str] = mapped_column(Text, default="")  # the top terms it was found by
    origin: Mapped[str] = mapped_column(String(20), default="found")  # found, analyst, split
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # accepted, discarded
    examples: Mapped[str] = mapped_column(Text, default="[]")  # text keys, JSON
    position: Mapped[int] = mapped_column(Integer, default=0)

    analysis: Mapped[ThemeAnalysis] = relationship(back_populates="themes")

    @property
    def key(self) -> str:
        return str(self.id)

    @property
    def example_keys(self) -> list[str]:
        return json.loads(self.examples or "[]")


class ThemeCode(IdKey, db.Model):
    """The themes one coder gave one text (an empty list: none of them)."""

    __tablename__ = "theme_codes"
    __table_args__ = (UniqueConstraint("analysis_id", "text_key", "coder"),)

    analysis_id: Mapped[int] = belongs_to("theme_analyses.id")
    text_key: Mapped[str] = mapped_column(String(80))
    coder: Mapped[str] = mapped_column(String(10), default="analyst")
    theme_ids: Mapped[str] = mapped_column(Text, default="[]")  # AnalysisTheme ids, JSON
    coded_by: Mapped[str] = mapped_column(String(254), default="")
    coded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    analysis: Mapped[ThemeAnalysis] = relationship(back_populates="codes")

    @property
    def ids(self) -> set[str]:
        return {str(i) for i in json.loads(self.theme_ids or "[]")}

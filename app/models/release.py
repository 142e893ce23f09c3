"""Staff-voice releases: the only source of every staff-voice figure a person sees.

A release is published once and never changes. A wave's release is made when the wave closes
(its own figures: each band and all bands); a system's release when its figures are compiled
(the sums over each organisation's latest closed wave). Every figure is kept with its true value
or, when hidden, none: the disclosure audit (app/analysis/audit.py) proves each new release
safe against everything released before it in the same system.
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey, belongs_to
from app.models.staff_voice import FigureKey

PUBLISHED, HELD = "published", "held"


class Release(IdKey, db.Model):
    __tablename__ = "staff_voice_releases"
    # One release per wave, and per set of waves of a system: made once, read ever after.
    __table_args__ = (UniqueConstraint("kind", "scope", "survey_id", "waves_key"),)

    kind: Mapped[str] = mapped_column(String(10))  # "wave" or "system"
    # The ledger it was audited in: "system:<id>", or "org:<id>" for an organisation in none.
    scope: Mapped[str] = mapped_column(String(40), index=True)
    survey_id: Mapped[str] = mapped_column(String(100))
    waves_key: Mapped[str] = mapped_column(Text)  # the wave ids it sums over, "3,7,12"
    bands: Mapped[str] = mapped_column(String(200))  # the audience bands, "2,3,4"
    min_group_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default=PUBLISHED)
    released_on: Mapped[date] = mapped_column(Date)
    # Plain English for the page: what was hidden beyond the small groups, or why it is held.
    note: Mapped[str] = mapped_column(Text, default="")
    # Random, so figures read once can be kept in memory by (id, stamp) with no risk of serving
    # another release's figures where ids are reused (a restored backup, emptied test tables).
    stamp: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))

    figures: Mapped[list[ReleaseFigure]] = relationship(
        back_populates="release", cascade="all, delete-orphan", lazy="raise")

    @property
    def wave_ids(self) -> list[int]:
        return [int(w) for w in self.waves_key.split(",") if w]

    @property
    def band_list(self) -> list[str]:
        return [b for b in self.bands.split(",") if b]


class ReleaseFigure(IdKey, FigureKey, db.Model):
    """One published figure: respondents (question ""), answered (value "*") or an answer's
    count, for one band or all of them ("*"), summed over the release's waves."""

    __tablename__ = "staff_voice_release_figures"
    __table_args__ = (UniqueConstraint("release_id", "band", "question_id", "value"),)

    release_id: Mapped[int] = belongs_to("staff_voice_releases.id")
    n: Mapped[int | None] = mapped_column(Integer, nullable=True, sort_order=1)  # None: hidden

    release: Mapped[Release] = relationship(back_populates="figures")

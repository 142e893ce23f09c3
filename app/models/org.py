"""Systems (ICSs) and the organisations in them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import IdKey

ORG_TYPES = {
    "trust": "NHS trust",
    "gp_practice": "GP practice",
    "social_care": "Social care provider",
    "other": "Other",
}


class System(IdKey, db.Model):
    """An Integrated Care System."""

    __tablename__ = "systems"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    organisations: Mapped[list[Organisation]] = relationship(
        back_populates="system", order_by="Organisation.name"
    )

    def __repr__(self) -> str:
        return f"<System {self.code}>"


class Organisation(IdKey, db.Model):
    __tablename__ = "organisations"

    code: Mapped[str] = mapped_column(String(20), unique=True)  # ODS-style code
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20), default="other")
    system_id: Mapped[int] = mapped_column(ForeignKey("systems.id"), index=True)

    system: Mapped[System] = relationship(back_populates="organisations")

    @property
    def type_label(self) -> str:
        return ORG_TYPES.get(self.type, self.type)

    def __repr__(self) -> str:
        return f"<Organisation {self.code}>"

"""Small helpers shared by the model modules."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, MappedColumn, mapped_column


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class IdKey:
    """Mixin: the integer primary key `id`, kept the table's first column as when each model
    declared it itself."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)


def belongs_to(target: str) -> MappedColumn[Any]:
    """The link to the row that owns this one ("table.column"): deleted with its owner, and
    indexed because such rows are always read through their owner."""
    return mapped_column(ForeignKey(target, ondelete="CASCADE"), index=True)


class Lifecycle(StrEnum):
    """A state of something that opens and closes (a consultation, a wave): "open", "closed"
    or one value for not open yet. The value is what is stored; templates ask `is_open`,
    `is_closed` or `is_upcoming` and show `label` in a tag of `colour` (NHS.UK tag colours)."""

    @property
    def is_open(self) -> bool:
        return self.value == "open"

    @property
    def is_closed(self) -> bool:
        return self.value == "closed"

    @property
    def is_upcoming(self) -> bool:
        return not (self.is_open or self.is_closed)

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def colour(self) -> str:
        return {"open": "green", "closed": "grey"}.get(self.value, "blue")

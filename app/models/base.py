"""Small helpers shared by the model modules."""

from datetime import UTC, datetime
from enum import StrEnum


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


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

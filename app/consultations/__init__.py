"""Consultations: status, the write lock, admin actions and stored responses.

Shared by the web pages and `flask consultations`; callers use `from app import consultations`
and the names below.
"""

from app.consultations.actions import ActionRefused, close_now, open_now, reschedule
from app.consultations.locking import get_state, is_open, lock
from app.consultations.responses import (
    REF_ALPHABET,
    new_reference,
    reference_for_key,
    store_consultation_response,
)
from app.consultations.status import (
    CLOSED,
    FORTHCOMING,
    OPEN,
    Phase,
    Status,
    closes_at,
    status_of,
)

__all__ = [
    "CLOSED", "FORTHCOMING", "OPEN", "REF_ALPHABET", "ActionRefused", "Phase", "Status",
    "close_now", "closes_at", "get_state", "is_open", "lock", "new_reference", "open_now",
    "reference_for_key", "reschedule", "status_of", "store_consultation_response",
]

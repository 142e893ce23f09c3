"""Webhook events for consultations that open or close by their schedule alone.

An admin's Open now or Close now announces itself (app/consultations/actions.py). A schedule
changes the phase with nobody acting, so the worker (`flask mail send`, `flask mail webhooks`)
asks each consultation's phase and announces any change since the last one it announced
(ConsultationState.announced). A consultation the worker has not seen before is recorded
without an event, unless it opened today or closed at the end of yesterday: so the first run
after an upgrade does not announce every consultation that ever opened or closed.
"""

from __future__ import annotations

from datetime import date, timedelta

from app import clock, webhooks
from app.consultations.locking import get_state
from app.consultations.status import CLOSED, OPEN, status_of
from app.definitions import surveys_of_kind
from app.models.base import utcnow

EVENT = {OPEN: "consultation.opened", CLOSED: "consultation.closed"}


def announce_schedules(today: date | None = None) -> int:
    """Emit an event for each consultation whose phase changed since it was last announced
    (the caller commits); how many were emitted."""
    today = today or clock.today()
    emitted = 0
    for survey in surveys_of_kind("consultation"):
        status = status_of(survey)
        if status.state not in EVENT:
            continue
        state = get_state(survey.id)
        if state.announced == status.state:
            continue
        changed_now = (status.opens == today if status.state == OPEN
                       else status.closes == today - timedelta(days=1))
        if state.announced is not None or changed_now:
            data = {"consultation": survey.id, "opens": status.opens, "closes": status.closes,
                    "by": "schedule"}
            webhooks.emit(EVENT[status.state], data, utcnow())
            emitted += 1
        state.announced = status.state
    return emitted

"""The one clock: what day and time it is where the service runs (TIMEZONE, Europe/London).

Surveys open and close on London days, and a plan starts in a London month, so "today" is
never the server's own date (a server on UTC is a day behind from midnight to 1 am in summer).
Stored timestamps stay naive UTC (app.models.base.utcnow); `local` turns one into local time.
Every "what day is it" in the app asks here, so a frozen clock in a test reaches all of them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from app.config import TIMEZONE


def zone() -> ZoneInfo:
    """The configured zone; the default outside an app (a script, a pure test)."""
    name = current_app.config.get("TIMEZONE", TIMEZONE) if has_app_context() else TIMEZONE
    return ZoneInfo(name)


def now() -> datetime:
    return datetime.now(zone())


def today() -> date:
    return now().date()


def local(moment: datetime) -> datetime:
    """A stored moment (naive means UTC) in local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone())

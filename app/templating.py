"""Template filters and globals: dates in Europe/London, the navigation for each role."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from app.components import component


def london(value: datetime) -> datetime:
    """Stored times are naive UTC; people read them in Europe/London."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = london(value)
    return f"{value.day} {value:%B %Y}"


def date_time(value: datetime | None) -> str:
    if value is None:
        return ""
    value = london(value)
    return f"{value.day} {value:%B %Y} at {value:%H:%M}"


def init_app(app: Flask) -> None:
    app.jinja_env.globals["component"] = component
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["date_time"] = date_time
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

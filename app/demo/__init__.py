"""Demo data: a fictional ICS modelled on the Mid and South Essex case study.

Each area adds its own step to STEPS (organisations and users first); `flask seed-demo` runs them
in order inside one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from app.extensions import db
from app.models import Organisation, User

from .consultations import seed_consultations
from .diagnostics import seed_diagnostics
from .people import DEMO_ORG_CODES, DEMO_PASSWORD, DEMO_USERS, seed_people
from .staff_voice import publish_demo_releases, seed_staff_voice

STEPS: list[Callable[[], None]] = [
    seed_people, seed_consultations, seed_staff_voice, seed_diagnostics,
]


def demo_emails() -> set[str]:
    return {u["email"] for u in DEMO_USERS}


def has_real_data() -> bool:
    """Anything not made by the demo: then seeding would mix fiction into real records."""
    other_users = db.session.scalar(
        select(func.count()).select_from(User).where(User.email.not_in(demo_emails())))
    other_orgs = db.session.scalar(
        select(func.count()).select_from(Organisation).where(Organisation.code.not_in(DEMO_ORG_CODES)))
    return bool(other_users or other_orgs)


def is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(User))


def seed() -> None:
    for step in STEPS:
        step()
    db.session.commit()
    publish_demo_releases()  # each release commits on its own, as a wave's close does


__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "STEPS", "has_real_data", "is_empty", "seed"]

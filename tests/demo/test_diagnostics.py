"""The demo's diagnostic cycles begin on believable days: RZ1's two cycles a quarter apart,
each organisation's on its own day, none on the day the demo was seeded."""

from __future__ import annotations

from sqlalchemy import select

from app.clock import today
from app.extensions import db
from app.models import Assessment, Organisation
from tests.support import demo_db


def test_cycles_start_on_their_own_days(app):
    demo_db.seed()
    started = {(a.organisation.code, a.cycle): a.created_at.date()
               for a in db.session.scalars(select(Assessment).join(Organisation))}
    rz1 = sorted(day for (code, _), day in started.items() if code == "RZ1")
    assert len(rz1) == 2 and (rz1[1] - rz1[0]).days >= 80
    assert all(day < today() for day in started.values())
    assert len(set(started.values())) >= len(started) // 2

"""The demo's diagnostic cycles begin on believable days: RZ1's two cycles a quarter apart,
each organisation's on its own day, none on the day the demo was seeded. Each item has its own
texts, and an action sits on the item whose gap it addresses."""

from __future__ import annotations

from sqlalchemy import select

from app import definitions
from app.clock import today
from app.demo.diagnostics import item_texts
from app.extensions import db
from app.models import Action, Assessment, Organisation
from tests.support import demo_db


def test_cycles_start_on_their_own_days(app):
    demo_db.seed()
    started = {(a.organisation.code, a.cycle): a.created_at.date()
               for a in db.session.scalars(select(Assessment).join(Organisation))}
    rz1 = sorted(day for (code, _), day in started.items() if code == "RZ1")
    assert len(rz1) == 2 and (rz1[1] - rz1[0]).days >= 80
    assert all(day < today() for day in started.values())
    assert len(set(started.values())) >= len(started) // 2


def _element_of_item() -> dict[str, str]:
    return {item.id: element.id for element in definitions.diagnostic().elements
            for item in element.items()}


def test_every_item_has_its_own_texts(app):
    texts = item_texts()
    items = _element_of_item()
    for item_id in items:
        entry = texts.get(item_id) or {}
        assert all(entry.get(field) for field in ("offer", "evidence", "gaps")), item_id
        assert bool(entry.get("action")) == bool(entry.get("owner")), item_id
    written = [entry[field] for item_id, entry in texts.items() if item_id in items
               for field in ("offer", "evidence", "gaps", "action") if entry.get(field)]
    assert len(written) == len(set(written))


def test_no_two_answers_of_an_element_share_an_offer(app):
    demo_db.seed()
    element_of = _element_of_item()
    for assessment in db.session.scalars(select(Assessment)):
        seen = set()
        for answer in assessment.answers:
            if answer.offer:
                key = (element_of.get(answer.item_id), answer.offer)
                assert key not in seen, (assessment.organisation.code, answer.item_id)
                seen.add(key)


def test_each_action_belongs_to_its_item(app):
    demo_db.seed()
    actions = db.session.scalars(select(Action)).all()
    assert actions
    texts = item_texts()
    for action in actions:
        assert texts.get(action.item_id, {}).get("action") == action.what, action.item_id
        assert texts[action.item_id]["owner"] == action.owner

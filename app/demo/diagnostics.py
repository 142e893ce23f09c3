"""Demo diagnostics: every demo organisation has one, in a different state, so the pages, the
reports and the ICS view have something real to show.

- RZ1 (the demo org lead's trust): last quarter complete, this quarter part-way through the plan,
  so the trend view has two cycles; the demo contributor edits two elements.
- Other trusts: one complete, one part-way. GP practices: quick, ratings-only assessments.
  Care providers: a full assessment just started, and quick ones.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

import yaml
from sqlalchemy import select

from app import clock, definitions
from app.diagnostic import cycles, plan
from app.extensions import db
from app.models import (
    Action,
    ElementAssignment,
    ElementDiscussion,
    ItemAnswer,
    Organisation,
    System,
    User,
    record,
)
from app.models.base import utcnow

from .people import SYSTEM

# Each item's own texts (offer, evidence, gaps; for some an action and its owner), next to this
# module. Items not in the file (another definition's) get no text.
TEXTS_FILE = Path(__file__).with_name("diagnostic_texts.yaml")


@cache
def item_texts() -> dict[str, dict[str, str]]:
    """Item id -> its demo texts, read once."""
    with TEXTS_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


# org code -> (state, mode): complete, partway (n elements done), started, quick
STATES = {
    "RZ2": ("complete", "full"), "RZ3": ("partway", "full"),
    "GZ101": ("quick", "quick"), "GZ102": ("quick", "quick"), "GZ103": ("complete", "quick"),
    "GZ104": ("partway", "quick"), "SZ201": ("started", "full"), "SZ202": ("quick", "quick"),
    "SZ203": ("partway", "full"),
}


def quarter(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _fill(assessment, survey, elements, rng: random.Random, bias: float, full: bool) -> None:
    """Answer every item of `elements`; a higher bias gives better ratings.

    Each element gets its own level for this organisation, as in real self-assessments (strong
    on some elements, weak on others): so the ICS heat map shows reds and greens, and buddying
    finds strong organisations to pair with weak ones, instead of everything averaging to amber.
    """
    for element in elements:
        level = bias + rng.choice((0.05, 0.3, 0.5, 0.7, 0.95))
        for item in element.items():
            roll = level + rng.uniform(-0.25, 0.25)
            rating = "na" if rng.random() < 0.04 else "3" if roll > 0.75 else "2" if roll > 0.4 \
                else "1"
            answer = ItemAnswer(item_id=item.id, rating=rating, version=1, offer="", evidence="",
                                evidence_links="", gaps="")
            assessment.answers.append(answer)
            if not full:
                continue
            texts = item_texts().get(item.id) or {}
            answer.offer = texts.get("offer", "")
            answer.evidence = texts.get("evidence", "") if rating != "1" else ""
            answer.gaps = texts.get("gaps", "") if rating in ("1", "2") else ""
            # An action addresses the item's gap: only where there is one, and not every
            # organisation has got round to planning every action. Some are already past
            # due, so the action plans and the ICS's tracker show overdue ones.
            if texts.get("action") and rating in ("1", "2") and rng.random() < 0.8:
                assessment.actions.append(Action(
                    item_id=item.id, what=texts["action"], owner=texts.get("owner", ""),
                    due=clock.today() + timedelta(days=rng.choice((-21, 30, 60, 90, 120))),
                    status=rng.choice(("not_started", "in_progress", "done"))))


def _discuss(assessment, elements, held_on: date) -> None:
    for element in elements:
        assessment.discussions.append(ElementDiscussion(
            element_id=element.id, held_on=held_on, completed=True, completed_at=utcnow(),
            notes=f"Went through {element.title.lower()} with HR, OD and staff-side colleagues.",
            decisions="Agreed the actions and owners; review progress next quarter."))


def seed_diagnostics() -> None:
    system = db.session.scalar(select(System).where(System.code == SYSTEM[0]))
    if system is None:
        return
    survey = definitions.diagnostic()
    today = clock.today()
    plan_start = plan.add_months(date(today.year, today.month, 1), -2)
    if plan.plan_for(system.id, survey.id) is None:
        plan.save_plan(system, survey.id, plan.default_starts(survey, plan_start))
    ordered = plan.element_order(survey, plan.plan_for(system.id, survey.id))
    rng = random.Random(2026)
    this_q, last_q = quarter(today), quarter(plan.add_months(today, -3))
    orgs = {o.code: o for o in db.session.scalars(
        select(Organisation).where(Organisation.system_id == system.id))}

    for code, org in orgs.items():
        if cycles.latest(org) is not None:
            continue  # seeding twice leaves what is there
        if code == "RZ1":
            old = cycles.start(org, last_q, "full")
            _started(old, plan.add_months(plan_start, -3) + timedelta(days=3))
            _fill(old, survey, survey.elements, rng, bias=0.1, full=True)
            _discuss(old, survey.elements, plan_start - timedelta(days=20))
            db.session.flush()
            now = cycles.start(org, this_q, "full", copy_from=old)
            _started(now, plan_start + timedelta(days=2))
            # Part-way through the plan: the first two elements re-rated and discussed.
            _improve(now, ordered[:2], rng)
            _discuss(now, ordered[:2], today - timedelta(days=5))
            _assign(org, ["environment", "data_insights"])
            continue
        state, mode = STATES.get(code, ("quick", "quick"))
        assessment = cycles.start(org, this_q, mode)
        _started(assessment, plan_start + timedelta(days=1 + sum(map(ord, code)) % 20))
        full = mode == "full"
        if state == "complete":
            _fill(assessment, survey, survey.elements, rng, bias=0.3, full=full)
            _discuss(assessment, survey.elements, today - timedelta(days=10))
        elif state == "partway":
            _fill(assessment, survey, ordered[:3], rng, bias=0.0, full=full)
            _discuss(assessment, ordered[:2], today - timedelta(days=12))
        elif state == "started":
            _fill(assessment, survey, ordered[:1], rng, bias=-0.1, full=full)
        else:
            _fill(assessment, survey, survey.elements, rng, bias=rng.uniform(-0.2, 0.3),
                  full=False)
    record("demo_diagnostics_seeded", SYSTEM[0], actor="seed-demo")


def _started(assessment, day: date) -> None:
    """A demo cycle begun on `day`, mid-morning, not at the moment the demo was seeded."""
    assessment.created_at = datetime.combine(day, time(10, 0))


def _improve(assessment, elements, rng: random.Random) -> None:
    ids = {i.id for e in elements for i in e.items()}
    for answer in assessment.answers:
        if answer.item_id in ids and answer.rating in ("1", "2") and rng.random() < 0.6:
            answer.rating = str(int(answer.rating) + 1)


def _assign(org, element_ids: list[str]) -> None:
    contributor = db.session.scalar(select(User).where(
        User.organisation_id == org.id, User.role == "contributor"))
    if contributor is None:
        return
    for element_id in element_ids:
        db.session.add(ElementAssignment(organisation_id=org.id, element_id=element_id,
                                         user_id=contributor.id))

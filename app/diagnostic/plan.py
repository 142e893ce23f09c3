"""The staged plan: an ICS works through the elements one at a time, by default one a month."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import PlanStep, StagedPlan


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


def default_starts(survey, first: date) -> dict[str, date]:
    """One element a month, in the definition's order, from `first`."""
    return {e.id: add_months(first, i) for i, e in enumerate(survey.elements)}


def plan_for(system_id: int | None, definition_id: str) -> StagedPlan | None:
    if system_id is None:
        return None
    return db.session.scalar(select(StagedPlan).where(
        StagedPlan.system_id == system_id, StagedPlan.definition_id == definition_id))


def save_plan(system, definition_id: str, starts: dict[str, date]) -> StagedPlan:
    """Create or replace the system's plan (the caller records and commits)."""
    plan = plan_for(system.id, definition_id)
    if plan is None:
        plan = StagedPlan(system=system, definition_id=definition_id)
        db.session.add(plan)
    existing = {s.element_id: s for s in plan.steps}
    for element_id, starts_on in starts.items():
        step = existing.pop(element_id, None)
        if step is None:
            plan.steps.append(PlanStep(element_id=element_id, starts_on=starts_on))
        else:
            step.starts_on = starts_on
    for stale in existing.values():
        plan.steps.remove(stale)
    return plan


def element_order(survey, plan: StagedPlan | None) -> list:
    """Elements in plan order (by start date, then definition order); definition order if none."""
    elements = list(survey.elements)
    if plan is None:
        return elements
    starts = plan.starts()
    position = {e.id: i for i, e in enumerate(elements)}
    return sorted(elements, key=lambda e: (starts.get(e.id, date.max), position[e.id]))

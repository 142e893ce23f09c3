"""The staged plan: an ICS works through the elements one at a time, by default one a month."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta

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


def default_dues(starts: dict[str, date]) -> dict[str, date]:
    """Each element is due the day before the next one starts; the last a month after it starts."""
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    dues = {}
    for (element_id, starts_on), after in zip(ordered, ordered[1:] + [None], strict=True):
        following = after[1] if after and after[1] > starts_on else add_months(starts_on, 1)
        dues[element_id] = following - timedelta(days=1)
    return dues


def plan_for(system_id: int | None, definition_id: str) -> StagedPlan | None:
    if system_id is None:
        return None
    return db.session.scalar(select(StagedPlan).where(
        StagedPlan.system_id == system_id, StagedPlan.definition_id == definition_id))


def save_plan(system, definition_id: str, starts: dict[str, date],
              dues: dict[str, date] | None = None, out_of_order: str = "warn") -> StagedPlan:
    """Create or replace the system's plan (the caller records and commits). Elements without a
    due date get the default one (default_dues)."""
    plan = plan_for(system.id, definition_id)
    if plan is None:
        plan = StagedPlan(system=system, definition_id=definition_id)
        db.session.add(plan)
    plan.out_of_order = out_of_order
    dues = {**default_dues(starts), **(dues or {})}
    existing = {s.element_id: s for s in plan.steps}
    for element_id, starts_on in starts.items():
        step = existing.pop(element_id, None)
        if step is None:
            step = PlanStep(element_id=element_id)
            plan.steps.append(step)
        step.starts_on, step.due_on = starts_on, dues[element_id]
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


def unfinished_before(rows, element_id: str) -> list:
    """The elements a staged plan puts before `element_id` that are not complete yet (rows from
    progress.element_progress, in plan order). Empty without a plan: no order to keep."""
    earlier = []
    for row in rows:
        if row.element.id == element_id:
            return earlier
        if row.starts_on is not None and not row.completed:
            earlier.append(row)
    return earlier

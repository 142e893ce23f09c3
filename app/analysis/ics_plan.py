"""Where each organisation in an ICS stands against the staged plan: per element, who has
completed it, who is rating it, who has not started, who is overdue, and who completed it while
an earlier element was still open (ahead of the plan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.analysis.ics import Compilation
from app.diagnostic import plan
from app.models import Organisation


@dataclass
class PlanRow:
    id: str
    title: str
    starts_on: date | None
    due_on: date | None
    started: bool  # the plan's start date has come
    completed: list[Organisation]
    in_progress: list[Organisation]
    not_started: list[Organisation]
    overdue: list[Organisation]  # not complete and past the due date
    ahead: list[Organisation]  # completed while an element planned earlier is not

    @property
    def behind(self) -> list[Organisation]:
        """Organisations that have not finished an element the plan has already started."""
        return (self.in_progress + self.not_started) if self.started else []


@dataclass(frozen=True)
class Overdue:
    org: Organisation
    element_id: str
    title: str
    due_on: date
    days_late: int
    started: bool  # some items rated


def plan_progress(comp: Compilation) -> list[PlanRow]:
    """Per element in plan order (the definition's order without a plan)."""
    staged = plan.plan_for(comp.system.id, comp.survey.id)
    starts = staged.starts() if staged else {}
    dues = staged.dues() if staged else {}
    unassessed = [r.org for r in comp.rows if r.assessment is None]
    open_before: dict[int, bool] = {r.org.id: False for r in comp.assessed}
    out = []
    for element in plan.element_order(comp.survey, staged):
        done, going, waiting, ahead = [], [], [], []
        for r in comp.assessed:
            cell = r.cells[element.id]
            (done if cell.completed else going if cell.rated else waiting).append(r.org)
            if cell.completed and open_before[r.org.id]:
                ahead.append(r.org)
            if element.id in starts and not cell.completed:
                open_before[r.org.id] = True
        waiting += unassessed
        when, due = starts.get(element.id), dues.get(element.id)
        late = going + waiting if due and due < comp.today else []
        out.append(PlanRow(element.id, element.title, when, due,
                           bool(when and when <= comp.today), done, going, waiting, late, ahead))
    return out


def overdue(comp: Compilation, rows: list[PlanRow] | None = None) -> list[Overdue]:
    """Every (organisation, element) past its due date, the longest overdue first."""
    rows = plan_progress(comp) if rows is None else rows
    found = [Overdue(org, r.id, r.title, r.due_on, (comp.today - r.due_on).days,
                     org in r.in_progress)
             for r in rows for org in r.overdue]
    return sorted(found, key=lambda o: (-o.days_late, o.org.name, o.title))

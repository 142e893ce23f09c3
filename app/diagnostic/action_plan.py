"""An organisation's action plan: every action of a cycle with the item and element it serves,
overdue first, filtered (app/exports/action_plan.py writes it as CSV and XLSX)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models.diagnostic import ACTION_STATUSES

HEADER = ["Element", "Item", "Action", "Owner", "Due", "Status", "Overdue"]


@dataclass(frozen=True)
class Filters:
    status: str = ""  # one of ACTION_STATUSES, or "" for any
    element: str = ""  # an element id, or "" for any
    owner: str = ""  # part of the owner's name, any case
    overdue_only: bool = False

    @classmethod
    def from_args(cls, args, element_ids) -> Filters:
        status = args.get("status", "")
        element = args.get("element", "")
        return cls(status if status in ACTION_STATUSES else "",
                   element if element in element_ids else "",
                   (args.get("owner") or "").strip()[:200], args.get("overdue") == "yes")

    def query(self) -> dict[str, str]:
        """The filters as a query string's arguments (for the download links)."""
        out = {"status": self.status, "element": self.element, "owner": self.owner,
               "overdue": "yes" if self.overdue_only else ""}
        return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class PlanEntry:
    action: object  # app.models.Action
    element: object  # app.surveys.schema.Element
    item: object  # app.surveys.schema.Item
    overdue: bool

    def row(self) -> list:
        a = self.action
        return [self.element.title, self.item.prompt, a.what, a.owner, a.due, a.status_label,
                "Yes" if self.overdue else ""]


def is_overdue(action, today: date) -> bool:
    return bool(action.due and action.due < today and action.status != "done")


def entries(assessment, survey, today: date, filters: Filters = Filters()) -> list[PlanEntry]:
    """The cycle's actions that pass the filters: overdue first (longest overdue first), then by
    due date (none last), then in the definition's order."""
    where = {}
    for position, element in enumerate(survey.elements):
        for item in element.items():
            where[item.id] = (position, element, item)
    found = []
    owner = filters.owner.casefold()
    for a in assessment.actions:
        if a.item_id not in where:
            continue  # an item no longer in the definition
        position, element, item = where[a.item_id]
        late = is_overdue(a, today)
        if ((filters.status and a.status != filters.status)
                or (filters.element and element.id != filters.element)
                or (owner and owner not in (a.owner or "").casefold())
                or (filters.overdue_only and not late)):
            continue
        found.append((not late, a.due or date.max, position, a.id, PlanEntry(a, element, item,
                                                                            late)))
    return [entry for *_, entry in sorted(found, key=lambda t: t[:4])]

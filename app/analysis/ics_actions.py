"""The ICS-wide action tracker: each organisation's actions (from the compiled cycle) set
against the system's shared gaps, so an ICS lead sees which gaps have actions, which are
overdue, and which organisations rate an element low with no action on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.analysis import ics
from app.diagnostic.action_plan import is_overdue
from app.models import Organisation


@dataclass(frozen=True)
class TrackedAction:
    org: Organisation
    action: object  # app.models.Action
    item: object  # app.surveys.schema.Item
    overdue: bool


@dataclass
class GapActions:
    id: str
    title: str
    low: list[Organisation]  # organisations rating the element low
    rated: int  # organisations rating it at all
    actions: list[TrackedAction] = field(default_factory=list)

    @property
    def without_action(self) -> list[Organisation]:
        """Organisations that rate it low and have no action on it."""
        acting = {t.org.id for t in self.actions}
        return [o for o in self.low if o.id not in acting]

    @property
    def overdue(self) -> int:
        return sum(t.overdue for t in self.actions)


def tracker(comp: ics.Compilation) -> list[GapActions]:
    """Elements in shared-gap order (most organisations rating them low first), each with every
    action on its items, overdue first then by due date."""
    ics.load_texts(comp)
    items = {i.id: (e.id, i) for e in comp.elements for i in e.items()}
    rows = {g.id: GapActions(g.id, g.title, g.organisations, g.rated)
            for g in ics.shared_gaps(comp)}
    for r in comp.assessed:
        for a in r.assessment.actions:
            if a.item_id in items:
                element_id, item = items[a.item_id]
                rows[element_id].actions.append(
                    TrackedAction(r.org, a, item, is_overdue(a, comp.today)))
    for row in rows.values():
        row.actions.sort(key=lambda t: (not t.overdue, t.action.due or date.max,
                                        t.org.name, t.action.id))
    return list(rows.values())

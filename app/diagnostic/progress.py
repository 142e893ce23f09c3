"""Where an organisation stands: per element progress, the current element, summary ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app import clock, definitions
from app.diagnostic import plan


@dataclass
class ElementProgress:
    element: object  # app.surveys.schema.Element
    total: int
    rated: int
    completed: bool
    starts_on: date | None
    due_on: date | None
    overdue: bool  # past its due date and not complete
    summary: object | None  # app.surveys.Choice, the element's overall rating
    counts: dict[str, int]  # rating value -> number of items

    @property
    def status(self) -> str:
        if self.completed:
            return "Completed"
        return "In progress" if self.rated else "Not started"

    @property
    def status_colour(self) -> str:
        return {"Completed": "green", "In progress": "blue"}.get(self.status, "grey")


def summary_rating(scale, ratings: list[str | None]):
    """The element's overall rating: the mean of the numeric ratings, rounded to the nearest
    point on the scale. Not-applicable and unrated items do not count."""
    numeric = {c.value: int(c.value) for c in scale if c.value.isdigit()}
    mean, _rated = mean_rating(scale, ratings)
    if mean is None:
        return None
    best = min(numeric.items(), key=lambda kv: (abs(kv[1] - mean), -kv[1]))
    return next(c for c in scale if c.value == best[0])


def mean_rating(scale, ratings: list[str | None]) -> tuple[float | None, int]:
    """(the mean of the numeric ratings, how many items it is over): the element's score as a
    number, for trends. Not-applicable and unrated items do not count."""
    numeric = {c.value: int(c.value) for c in scale if c.value.isdigit()}
    values = [numeric[r] for r in ratings if r in numeric]
    return (sum(values) / len(values) if values else None), len(values)


_LOOK_UP = object()


def element_progress(assessment, survey=None, answers=None,
                     staged=_LOOK_UP) -> list[ElementProgress]:
    """Progress for every element, in the order the organisation works through them. A caller
    doing a whole system passes the system's staged plan (or None) to look it up once."""
    survey = survey or definitions.for_assessment(assessment)
    answers = answers if answers is not None else assessment.answer_map()
    discussions = assessment.discussion_map()
    if staged is _LOOK_UP:
        staged = plan.plan_for(assessment.organisation.system_id, assessment.definition_id)
    starts = staged.starts() if staged else {}
    dues = staged.dues() if staged else {}
    today = clock.today()
    rows = []
    for element in plan.element_order(survey, staged):
        ratings = [answers[i.id].rating if i.id in answers else None for i in element.items()]
        counts: dict[str, int] = {}
        for r in ratings:
            if r:
                counts[r] = counts.get(r, 0) + 1
        discussion = discussions.get(element.id)
        completed, due = bool(discussion and discussion.completed), dues.get(element.id)
        rows.append(ElementProgress(
            element=element, total=len(ratings), rated=sum(1 for r in ratings if r),
            completed=completed, starts_on=starts.get(element.id), due_on=due,
            overdue=bool(due and due < today and not completed),
            summary=summary_rating(survey.rating_scale, ratings), counts=counts))
    return rows


def current_element(rows: list[ElementProgress], today: date | None = None):
    """The element to work on now: the earliest-planned unfinished element that has started;
    else the first unfinished one. None when every element is complete."""
    today = today or clock.today()
    unfinished = [r for r in rows if not r.completed]
    if not unfinished:
        return None
    started = [r for r in unfinished if r.starts_on is None or r.starts_on <= today]
    return (started or unfinished)[0]


def overall(rows: list[ElementProgress]) -> dict:
    return {"items": sum(r.total for r in rows), "rated": sum(r.rated for r in rows),
            "elements": len(rows), "completed": sum(1 for r in rows if r.completed)}

"""ICS compilation: every organisation's diagnostic in a system side by side (the Mid and South
Essex and Black Country approach in framework.md).

Only the diagnostic's ratings are compiled here; the staff-voice side (app/analysis/ics_voice.py,
which takes a Compilation) reads the suppressed results in app.analysis.results and
app.analysis.evidence, always worked out over the WHOLE system (never over a filtered subset),
so a filter cannot open a gap between two tables that subtraction could use.

"Low" and "strong" are read off the rating scale: numeric points below its midpoint are low,
above it strong (on the default 1-3 scale: "Not in place" and "In place"). An element's rating
for an organisation is the diagnostic's own summary: the mean of its rated items, rounded to
the scale.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from statistics import mean, pstdev
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import clock, definitions
from app.diagnostic import plan, progress
from app.extensions import db
from app.formatting import percent
from app.models import Assessment, ElementDiscussion, ItemAnswer, Organisation, System

LATEST = ""  # the cycle filter's "latest assessment of each organisation"


class NothingToCompile(LookupError):
    """No assessment matches: the message says why, for a page or the command line."""


@dataclass
class Cell:
    """One organisation's position on one element."""

    rating: object | None  # app.surveys.Choice or None when nothing is rated
    mean: float | None
    rated: int
    total: int
    completed: bool

    @property
    def colour(self) -> str:
        return (self.rating.colour if self.rating and self.rating.colour else None) or "none"

    @property
    def word(self) -> str:
        return self.rating.label if self.rating else "Not rated"


@dataclass
class OrgRow:
    org: Organisation
    assessment: Assessment | None
    cells: dict[str, Cell] = field(default_factory=dict)
    ratings: dict[str, str] = field(default_factory=dict)  # item id -> rating value

    @property
    def rated(self) -> int:
        return sum(c.rated for c in self.cells.values())

    @property
    def total(self) -> int:
        return sum(c.total for c in self.cells.values())

    @property
    def completion(self) -> int:
        return percent(self.rated, self.total) or 0


@dataclass
class Compilation:
    system: System
    cycle: str  # LATEST or a cycle name
    org_type: str  # "" for every type
    survey: object  # app.surveys.Survey
    rows: list[OrgRow]  # every organisation matching the type filter, assessed or not
    other_definition: list[OrgRow]  # assessed against another framework version
    today: date
    # Staff-voice work shared by every section of one compilation (see results.wave_results):
    # the evidence gaps and the respondent counts read the system's counts once between them.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def elements(self) -> list:
        return list(self.survey.elements)

    @property
    def scale(self) -> list:
        return list(self.survey.rating_scale)

    @property
    def assessed(self) -> list[OrgRow]:
        return [r for r in self.rows if r.assessment is not None]

    @cached_property  # asked for once per organisation and item by some sections
    def low(self) -> set[str]:
        return bands_of_scale(self.scale)[0]

    @cached_property
    def strong(self) -> set[str]:
        return bands_of_scale(self.scale)[1]


def bands_of_scale(scale) -> tuple[set[str], set[str]]:
    """(low values, strong values) of a rating scale: below and above its numeric midpoint."""
    numeric = {c.value: int(c.value) for c in scale if c.value.isdigit()}
    if not numeric:
        return set(), set()
    middle = (min(numeric.values()) + max(numeric.values())) / 2
    return ({v for v, n in numeric.items() if n < middle},
            {v for v, n in numeric.items() if n > middle})


def cycles_of(system: System) -> list[str]:
    """Cycle names used in the system, the most recently started first."""
    rows = db.session.execute(
        select(Assessment.cycle, Assessment.created_at).join(Organisation)
        .where(Organisation.system_id == system.id).order_by(Assessment.created_at.desc()))
    seen: list[str] = []
    for name, _ in rows:
        if name not in seen:
            seen.append(name)
    return seen


def _chosen(system: System, cycle: str) -> dict[int, Assessment]:
    query = (select(Assessment).join(Organisation).where(Organisation.system_id == system.id)
             .order_by(Assessment.created_at, Assessment.id))
    if cycle:
        query = query.where(Assessment.cycle == cycle)
    chosen: dict[int, Assessment] = {}
    for found in db.session.scalars(query):
        chosen[found.organisation_id] = found  # the latest wins
    return chosen


def _ratings(ids: list[int]) -> tuple[dict, dict]:
    """(assessment id -> {item id: rating}, assessment id -> {element id: completed}) of the
    chosen assessments, as plain rows in one query each: a system's answers are thousands of
    rows, too many to build as ORM objects for a page that needs only the ratings."""
    ratings: dict = defaultdict(dict)
    completed: dict = defaultdict(dict)
    if ids:
        a, d = ItemAnswer.__table__.c, ElementDiscussion.__table__.c
        connection = db.session.connection()
        for assessment_id, item_id, rating in connection.execute(
                select(a.assessment_id, a.item_id, a.rating).where(a.assessment_id.in_(ids))):
            ratings[assessment_id][item_id] = rating
        for assessment_id, element_id, done in connection.execute(
                select(d.assessment_id, d.element_id, d.completed)
                .where(d.assessment_id.in_(ids))):
            completed[assessment_id][element_id] = done
    return ratings, completed


def _cells(assessment: Assessment, survey, plans: dict, ratings: dict[str, str | None],
           completed: dict[str, bool]) -> tuple[dict[str, Cell], dict[str, str]]:
    numeric = {c.value: int(c.value) for c in survey.rating_scale if c.value.isdigit()}
    cells = {}
    key = (assessment.organisation.system_id, assessment.definition_id)
    if key not in plans:  # one staged-plan lookup per system and definition
        plans[key] = plan.plan_for(*key)
    # element_progress, the diagnostic's own summary, reads only these of an assessment.
    answers = {i: SimpleNamespace(rating=r) for i, r in ratings.items()}
    light = SimpleNamespace(discussion_map=lambda: {
        e: SimpleNamespace(completed=done) for e, done in completed.items()})
    for p in progress.element_progress(light, survey, answers, plans[key]):
        values = [numeric[v] for v, n in p.counts.items() if v in numeric for _ in range(n)]
        # The same float as statistics.mean for integers, without its exact-fraction cost.
        cells[p.element.id] = Cell(p.summary, sum(values) / len(values) if values else None,
                                   p.rated, p.total, p.completed)
    return cells, {i: r for i, r in ratings.items() if r}


def compile_system(system: System, cycle: str = LATEST, org_type: str = "",
                   today: date | None = None) -> Compilation:
    """The system's organisations (of `org_type`, if given) with their assessment for `cycle`
    (the latest of each when LATEST). Raises NothingToCompile when no organisation of the
    system has an assessment for the cycle."""
    chosen = _chosen(system, cycle)
    if not chosen:
        raise NothingToCompile(
            f"no organisation in {system.code} has a diagnostic cycle called \u201c{cycle}\u201d"
            if cycle else f"no organisation in {system.code} has started the diagnostic yet")
    # Compare like with like: the framework version most organisations used (default on a tie).
    used = Counter(a.definition_id for a in chosen.values())
    default = definitions.default_diagnostic_id()
    definition_id = max(used, key=lambda d: (used[d], d == default))
    survey = definitions.diagnostic(definition_id)
    query = select(Organisation).where(Organisation.system_id == system.id)
    if org_type:
        query = query.where(Organisation.type == org_type)
    rows, other = [], []
    plans: dict = {}
    ratings, completed = _ratings([a.id for a in chosen.values()
                                   if a.definition_id == survey.id])
    for org in db.session.scalars(query.order_by(Organisation.name)):
        found = chosen.get(org.id)
        row = OrgRow(org, found)
        if found is not None and found.definition_id != survey.id:
            other.append(row)
            row = OrgRow(org, None)
        elif found is not None:
            row.cells, row.ratings = _cells(found, survey, plans, ratings[found.id],
                                            completed[found.id])
        rows.append(row)
    if today is None:
        today = clock.today()
    return Compilation(system, cycle, org_type, survey, rows, other, today)


def load_texts(comp: Compilation) -> Compilation:
    """Read the compiled assessments' answers and actions (the texts app.analysis.themes
    works on) in one query each, for the outputs that use them, rather than one lazy load per
    organisation. The ratings pages never need them."""
    ids = [r.assessment.id for r in comp.assessed]
    if ids and not comp.memo.get("texts"):
        comp.memo["texts"] = True
        db.session.scalars(select(Assessment).where(Assessment.id.in_(ids)).options(
            selectinload(Assessment.answers), selectinload(Assessment.actions))).all()
    return comp


# ---------------------------------------------------------------- shared gaps

@dataclass
class GapRow:
    id: str
    title: str
    low: int  # organisations rating it low
    rated: int  # organisations rating it at all
    counts: dict[str, int]  # rating value -> organisations
    organisations: list[Organisation]  # those rating it low
    element_title: str = ""


def shared_gaps(comp: Compilation) -> list[GapRow]:
    """Elements by how many organisations rate them low (their summary), most first."""
    out = []
    for element in comp.elements:
        cells = [(r.org, r.cells[element.id]) for r in comp.assessed]
        rated = [(o, c) for o, c in cells if c.rating is not None]
        counts = Counter(c.rating.value for _, c in rated)
        lows = [o for o, c in rated if c.rating.value in comp.low]
        out.append(GapRow(element.id, element.title, len(lows), len(rated), dict(counts), lows))
    return sorted(out, key=lambda g: (-g.low, g.title))


def shared_item_gaps(comp: Compilation, limit: int = 15) -> list[GapRow]:
    """Items rated low by the most organisations (at least one), most first."""
    out = []
    for element in comp.elements:
        for item in element.items():
            values = [(r.org, r.ratings.get(item.id)) for r in comp.assessed]
            rated = [(o, v) for o, v in values if v]
            lows = [o for o, v in rated if v in comp.low]
            if lows:
                out.append(GapRow(item.id, item.prompt, len(lows), len(rated),
                                  dict(Counter(v for _, v in rated)), lows, element.title))
    return sorted(out, key=lambda g: (-g.low, g.element_title, g.title))[:limit]


# ---------------------------------------------------------------- consistency

@dataclass
class Spread:
    id: str
    title: str
    n: int  # organisations with a rating
    lowest: float | None
    highest: float | None
    mean: float | None
    sd: float | None  # population standard deviation of the organisations' means
    counts: dict[str, int]  # summary rating value -> organisations
    lowest_orgs: list[Organisation] = field(default_factory=list)
    highest_orgs: list[Organisation] = field(default_factory=list)

    @property
    def range(self) -> float | None:
        return None if self.lowest is None else self.highest - self.lowest


def consistency(comp: Compilation) -> list[Spread]:
    """Each element's spread of ratings across organisations, where they differ most first."""
    out = []
    for element in comp.elements:
        scored = [(r.org, r.cells[element.id]) for r in comp.assessed
                  if r.cells[element.id].mean is not None]
        means = [c.mean for _, c in scored]
        counts = Counter(c.rating.value for _, c in scored if c.rating)
        if not means:
            out.append(Spread(element.id, element.title, 0, None, None, None, None, {}))
            continue
        lo, hi = min(means), max(means)
        out.append(Spread(
            element.id, element.title, len(means), lo, hi, mean(means), pstdev(means),
            dict(counts), [o for o, c in scored if c.mean == lo],
            [o for o, c in scored if c.mean == hi]))
    return sorted(out, key=lambda s: (-(s.sd or 0), -(s.range or 0), s.title))


# ---------------------------------------------------------------- buddying

@dataclass
class Buddies:
    id: str
    title: str
    strong: list[Organisation]
    weak: list[Organisation]
    pairs: list[tuple[Organisation, Organisation]]  # (weak, strong)


def _pairs(weak: list[Organisation], strong: list[Organisation]) -> list[tuple]:
    """Each weak organisation beside a strong one, the same type where possible, sharing the
    strong ones out in turn so no one organisation is asked to help everyone."""
    if not strong:
        return []
    load = Counter()
    out = []
    for org in weak:
        best = min(strong, key=lambda s: (s.type != org.type, load[s.id], s.name))
        load[best.id] += 1
        out.append((org, best))
    return out


def buddying(comp: Compilation) -> list[Buddies]:
    out = []
    for element in comp.elements:
        cells = [(r.org, r.cells[element.id].rating) for r in comp.assessed]
        strong = [o for o, c in cells if c is not None and c.value in comp.strong]
        weak = [o for o, c in cells if c is not None and c.value in comp.low]
        out.append(Buddies(element.id, element.title, strong, weak, _pairs(weak, strong)))
    return out

"""A hand-built system whose compiled figures are known in advance.

Four organisations in QZ9: Alpha Trust and Beta Trust (trusts), Gamma Practice (GP practice)
and Delta Care (social care, no assessment). Ratings, all in cycle "2026 Q1":

    element                      Alpha   Beta    Gamma
    improving_personal_health    3 (all) 1 (all) 2 (all)
    relationships                1 (all) 1 (all) 3 (all)
    every other element          3 (all) -       -

so personal health reads In place / Not in place / Partly in place, and relationships
Not in place / Not in place / In place.
"""

from __future__ import annotations

from datetime import date

from app import definitions
from app.diagnostic import plan
from app.extensions import db
from app.models import Action, Assessment, ElementDiscussion, ItemAnswer, Organisation, System

PH, REL = "improving_personal_health", "relationships"
RATINGS = {
    "AL1": {PH: "3", REL: "1", "*": "3"},
    "BE2": {PH: "1", REL: "1"},
    "GA3": {PH: "2", REL: "3"},
}
GAPS = {  # org code -> (element, text)
    "AL1": (PH, "Night staff cannot reach the service."),
    "BE2": (PH, "No support for night staff at weekends"),
    "GA3": (REL, "Night staff feel isolated; =HYPERLINK(\"x\")"),
}
ACTIONS = {"BE2": (PH, "Run a weekend clinic"), "GA3": (REL, "Weekend clinic for carers")}


def assess(org, cycle: str, ratings: dict[str, str], gaps=None, actions=None) -> Assessment:
    survey = definitions.diagnostic()
    found = Assessment(organisation=org, cycle=cycle, definition_id=survey.id,
                       definition_version=survey.version, mode="full")
    db.session.add(found)
    for element in survey.elements:
        value = ratings.get(element.id, ratings.get("*"))
        if value is None:
            continue
        for n, item in enumerate(element.items()):
            text = gaps[1] if gaps and gaps[0] == element.id and n == 0 else ""
            found.answers.append(ItemAnswer(item_id=item.id, rating=value, offer="", evidence="",
                                            evidence_links="", gaps=text, version=1))
    if actions:
        item = survey.element(actions[0]).items()[0]
        found.actions.append(Action(item_id=item.id, what=actions[1], owner="", status="done"))
    return found


def build(system: System) -> dict[str, Organisation]:
    """The four organisations and their assessments in `system`, and its staged plan."""
    orgs = {
        "AL1": Organisation(code="AL1", name="Alpha Trust", type="trust", system=system),
        "BE2": Organisation(code="BE2", name="Beta Trust", type="trust", system=system),
        "GA3": Organisation(code="GA3", name="Gamma Practice", type="gp_practice", system=system),
        "DE4": Organisation(code="DE4", name="Delta Care", type="social_care", system=system),
    }
    db.session.add_all(orgs.values())
    for code, ratings in RATINGS.items():
        found = assess(orgs[code], "2026 Q1", ratings, GAPS.get(code), ACTIONS.get(code))
        if code == "AL1":
            found.discussions.append(ElementDiscussion(element_id=PH, completed=True,
                                                       held_on=date(2026, 1, 20)))
    survey = definitions.diagnostic()
    plan.save_plan(system, survey.id, plan.default_starts(survey, date(2026, 1, 1)))
    db.session.commit()
    return orgs

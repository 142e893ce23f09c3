"""Assessment cycles: starting a new one (optionally from the last one's answers) and the trend."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app import definitions
from app.diagnostic.progress import mean_rating, summary_rating
from app.extensions import db
from app.models import Action, Assessment, ItemAnswer


def assessments_for(org) -> list[Assessment]:
    """The organisation's assessments, oldest first."""
    return list(db.session.scalars(select(Assessment).where(
        Assessment.organisation_id == org.id).order_by(Assessment.created_at, Assessment.id)))


def latest(org) -> Assessment | None:
    found = assessments_for(org)
    return found[-1] if found else None


def find_cycle(org, cycle: str) -> Assessment | None:
    return db.session.scalar(select(Assessment).where(
        Assessment.organisation_id == org.id, Assessment.cycle == cycle))


def start(org, cycle: str, mode: str = "full", copy_from: Assessment | None = None,
          definition_id: str | None = None) -> Assessment:
    """A new assessment for `cycle` (the caller records and commits). Copying brings over the
    answers and the actions not yet done, when both use the same definition."""
    survey = definitions.diagnostic(definition_id or (copy_from.definition_id if copy_from
                                                      else None))
    assessment = Assessment(organisation=org, cycle=cycle, mode=mode, definition_id=survey.id,
                            definition_version=survey.version)
    db.session.add(assessment)
    if copy_from is not None and copy_from.definition_id == survey.id:
        assessment.copied_from_id = copy_from.id
        known = {i.id for i in survey.items()}
        for old in copy_from.answers:
            if old.item_id in known:
                assessment.answers.append(ItemAnswer(
                    item_id=old.item_id, rating=old.rating, offer=old.offer, evidence=old.evidence,
                    evidence_links=old.evidence_links, gaps=old.gaps, version=1))
        for old in copy_from.actions:
            if old.item_id in known and old.status != "done":
                assessment.actions.append(Action(item_id=old.item_id, what=old.what,
                                                 owner=old.owner, due=old.due, status=old.status))
    return assessment


@dataclass
class TrendRow:
    element_id: str
    title: str
    ratings: list  # one Choice (or None) per assessment, in cycle order
    scores: list = field(default_factory=list)  # (mean score or None, items rated) per cycle

    @property
    def changes(self) -> list[str]:
        """Per cycle, the change in score from the cycle before ("" when either has none)."""
        out = [""]
        for (before, _), (now, _) in zip(self.scores, self.scores[1:], strict=False):
            if before is None or now is None:
                out.append("")
            elif round(now - before, 1) == 0:
                out.append("No change")
            else:
                out.append(f"{'Up' if now > before else 'Down'} {abs(now - before):.1f}")
        return out


def trend(org) -> tuple[list[Assessment], list[TrendRow]]:
    """Each element's summary rating in every cycle, oldest first. Elements are those of the
    latest cycle's definition; a cycle on another framework version shows no rating for them."""
    cycles = assessments_for(org)
    if not cycles:
        return [], []
    survey = definitions.for_assessment(cycles[-1])
    rows = []
    for element in survey.elements:
        ratings, scores = [], []
        for assessment in cycles:
            if assessment.definition_id != survey.id:
                ratings.append(None)
                scores.append((None, 0))
                continue
            answers = assessment.answer_map()
            given = [answers[i.id].rating if i.id in answers else None for i in element.items()]
            ratings.append(summary_rating(survey.rating_scale, given))
            scores.append(mean_rating(survey.rating_scale, given))
        rows.append(TrendRow(element.id, element.title, ratings, scores))
    return cycles, rows

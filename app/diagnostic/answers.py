"""Saving item answers without lost updates.

Every save names the version it was based on. The row is updated only if it still has that
version (one UPDATE ... WHERE version = ?), so of two people saving the same item the second
is refused and shown both texts, whatever the database or the number of worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Assessment, ItemAnswer, record
from app.models.base import utcnow

TEXT_FIELDS = ("offer", "evidence", "evidence_links", "gaps")
FIELDS = ("rating", *TEXT_FIELDS)


class CycleSubmitted(Exception):
    """The cycle was signed off (app/diagnostic/signoff.py): its answers are locked until an
    organisation lead reopens it. Checked here, not only by the pages, so that no path (a page
    opened before the sign-off, the command line) writes into a submitted cycle."""

    def __init__(self, assessment):
        super().__init__(f"{assessment.cycle} has been submitted")
        self.assessment = assessment


@dataclass
class SaveResult:
    saved: bool
    answer: ItemAnswer | None  # the stored answer: the new one, or the one that won


def find(assessment_id: int, item_id: str) -> ItemAnswer | None:
    return db.session.scalar(select(ItemAnswer).where(
        ItemAnswer.assessment_id == assessment_id, ItemAnswer.item_id == item_id))


def save(assessment, item_id: str, based_on: int, values: dict, user=None) -> SaveResult:
    """Save `values` (a subset of FIELDS) if the stored answer is still at version `based_on`
    (0: no answer yet). Commits on success; on a conflict nothing is changed. Raises
    CycleSubmitted if the cycle is signed off, as the database has it now."""
    if db.session.scalar(select(Assessment.submitted_at).where(
            Assessment.id == assessment.id)) is not None:
        raise CycleSubmitted(assessment)
    values = {k: v for k, v in values.items() if k in FIELDS}
    for key in TEXT_FIELDS:
        if key in values:
            values[key] = values[key] or ""
    stamp = {"updated_at": utcnow(), "updated_by_id": getattr(user, "id", None)}
    before = find(assessment.id, item_id)
    if based_on == 0:
        if before is not None:
            return SaveResult(False, before)
        answer = ItemAnswer(assessment_id=assessment.id, item_id=item_id, version=1,
                            **({k: "" for k in TEXT_FIELDS} | values), **stamp)
        db.session.add(answer)
        _audit(assessment, item_id, None, values, user)
        try:
            db.session.commit()
        except IntegrityError:  # someone else created it a moment earlier
            db.session.rollback()
            return SaveResult(False, find(assessment.id, item_id))
        return SaveResult(True, answer)
    result = db.session.execute(
        update(ItemAnswer)
        .where(ItemAnswer.assessment_id == assessment.id, ItemAnswer.item_id == item_id,
               ItemAnswer.version == based_on)
        .values(version=ItemAnswer.version + 1, **values, **stamp)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        return SaveResult(False, find(assessment.id, item_id))
    _audit(assessment, item_id, before, values, user)
    db.session.commit()
    answer = find(assessment.id, item_id)
    db.session.refresh(answer)
    return SaveResult(True, answer)


def _audit(assessment, item_id: str, before: ItemAnswer | None, values: dict, user) -> None:
    """Who changed what: the rating from and to, and which texts changed (their words stay in
    the answer, not the log)."""
    old = {k: (getattr(before, k) if before is not None else None) or "" for k in FIELDS}
    changed = [k for k in FIELDS if k in values and (values[k] or "") != old[k]]
    if not changed:
        return
    detail = {"cycle": assessment.cycle, "item": item_id, "changed": changed}
    if "rating" in changed:
        detail["rating"] = f"{old['rating'] or 'none'} -> {values['rating'] or 'none'}"
    record("diagnostic_answer_saved", assessment.organisation.code, user, **detail)

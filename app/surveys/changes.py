"""Which edits to a definition would break the responses already stored against it."""

from __future__ import annotations

from .schema import Question, Survey


def _answered(survey: Survey) -> dict[str, Question]:
    """Everything a response stores an answer to: page questions and diagnostic fields."""
    return {q.id: q for q in (*survey.questions(), *survey.fields)}


def _question_changes(old: Question, new: Question, what: str) -> list[str]:
    if old.type != new.type:
        return [f"{what} '{old.id}' changed type from {old.type} to {new.type}"]
    reasons = []
    new_values = set(new.values())
    reasons += [
        f"choice '{value}' was removed from {what} '{old.id}'"
        for value in old.values() if value not in new_values
    ]
    new_rows = {row.id for row in new.rows}
    reasons += [
        f"row '{row.id}' was removed from {what} '{old.id}'"
        for row in old.rows if row.id not in new_rows
    ]
    return reasons


def breaking_changes(old: Survey, new: Survey) -> list[str]:
    """Reasons, in the old definition's order, why `new` cannot replace `old` in place.

    Adding questions, choices, rows, items or pages, and rewording anything, is not breaking.
    """
    reasons: list[str] = []
    if old.kind != new.kind:
        reasons.append(f"kind changed from {old.kind} to {new.kind}")
    for what, before, after in (
        ("question", {q.id: q for q in old.questions()}, {q.id: q for q in new.questions()}),
        ("field", {q.id: q for q in old.fields}, {q.id: q for q in new.fields}),
    ):
        for qid, question in before.items():
            if qid not in after:
                reasons.append(f"{what} '{qid}' was removed")
            else:
                reasons += _question_changes(question, after[qid], what)
    new_items = {item.id for item in new.items()}
    reasons += [f"item '{item.id}' was removed" for item in old.items() if item.id not in new_items]
    new_scale = {c.value for c in new.rating_scale}
    reasons += [
        f"rating '{c.value}' was removed from the rating scale"
        for c in old.rating_scale if c.value not in new_scale
    ]
    return reasons

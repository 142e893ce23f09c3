"""Publishing consultation responses: consent, redaction, and the excerpts shown publicly."""

from __future__ import annotations

from dataclasses import dataclass

from app.runner.store import answers_for
from app.surveys import Survey

REDACTED = "[redacted]"


def redact(text: str, passages: list[str]) -> str:
    for passage in sorted(passages, key=len, reverse=True):
        if passage:
            text = text.replace(passage, REDACTED)
    return text


@dataclass(frozen=True)
class Excerpt:
    reference: str
    name: str  # the published name, or "Anonymous"
    respondent_type: str
    answers: tuple[tuple[str, str], ...]  # (question label, redacted text)


def respondent_type_label(survey: Survey, value: str | None) -> str:
    for choice in survey.respondent_types:
        if choice.value == value:
            return choice.label
    return "Not given"


def published_excerpts(survey: Survey, rows, keep_wordless: bool = False) -> list[Excerpt]:
    """Excerpts of `rows` (ConsultationResponse) with redactions applied; a response with no
    words left to show (its free text removed by retention, say) has none, unless
    keep_wordless (then one excerpt per row, in order, some with no answers)."""
    answers = answers_for([row.response_id for row in rows])
    out = []
    for row in rows:
        given = answers.get(row.response_id, {})
        texts = []
        for question in survey.questions():
            value = given.get(question.id)
            # Only a type that says so (a textarea) is published: short text answers (names,
            # roles) can identify people.
            if question.kind.is_published and isinstance(value, str) and value.strip():
                passages = [r.passage for r in row.redactions if r.question_id == question.id]
                texts.append((question.label, redact(value, passages)))
        if not texts and not keep_wordless:
            continue
        named = row.publish_consent == "publish_with_name" and row.respondent_name
        out.append(Excerpt(row.reference, row.respondent_name if named else "Anonymous",
                           respondent_type_label(survey, row.respondent_type), tuple(texts)))
    return out

"""The bodies of free text that get themed, each text with a key that names it in its source.

- A consultation's free-text question: every response's answer, after the admins' redactions
  (so a redacted name never becomes a theme's term or a quote), grouped by respondent type.
  A text may be quoted in published outputs only if its respondent consented to publication
  and an admin has published the response (after any redaction).
- An ICS's gaps and actions: every text its organisations wrote in their latest cycle,
  grouped by organisation. Identical texts from one organisation stay separate entries (each
  is its own row); the source says which item and kind each came from.

Staff-voice comments are not themed here: they are only ever shown as the released samples of
app/analysis/comments.py, so no theme count can be worked back to a group under the minimum.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.analysis import ics, themes
from app.extensions import db
from app.models import ConsultationResponse
from app.publishing import redact, respondent_type_label
from app.runner.store import answers_for


@dataclass(frozen=True)
class Entry:
    key: str
    text: str
    group: str  # the respondent type, or the organisation
    quotable: bool  # may be quoted in a published output
    source: str  # where it came from, for the analyst


@dataclass(frozen=True)
class Corpus:
    scope: str  # "consultation" or "ics"
    key: str  # ThemeAnalysis.scope_key
    title: str
    group_label: str
    entries: tuple[Entry, ...]

    def by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}


def free_text_questions(survey) -> list:
    return [q for q in survey.questions() if q.kind.is_published]


def consultation(survey, question) -> Corpus:
    rows = db.session.scalars(select(ConsultationResponse).where(
        ConsultationResponse.survey_id == survey.id).order_by(ConsultationResponse.response_id))
    rows = list(rows)
    given = answers_for([r.response_id for r in rows])
    entries = []
    for row in rows:
        value = given.get(row.response_id, {}).get(question.id)
        if not isinstance(value, str) or not value.strip():
            continue
        passages = [r.passage for r in row.redactions if r.question_id == question.id]
        entries.append(Entry(f"r{row.response_id}", redact(value, passages),
                             respondent_type_label(survey, row.respondent_type),
                             row.may_publish and row.published_at is not None,
                             f"Response {row.reference}"))
    return Corpus("consultation", f"{survey.id}/{question.id}",
                  f"{survey.title}: {question.label}", "Respondent type", tuple(entries))


def ics_texts(system) -> Corpus:
    try:
        texts = themes.texts_of(ics.load_texts(ics.compile_system(system)))
    except ics.NothingToCompile:
        texts = []
    entries = tuple(Entry(t.key, t.text, t.org.name, True,
                          f"{t.kind_label}, {t.org.name}: {t.item.prompt}") for t in texts)
    return Corpus("ics", system.code, f"{system.name}: gaps and actions", "Organisation",
                  entries)

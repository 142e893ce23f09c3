"""The consultation admins' list of responses: what state each response is in, the search and
filters that narrow the list, and one page of it with its counts.

A response's status comes from what is kept about it: whether it is published (an admin chose
it, its respondent having agreed), could be (agreed, not chosen) or may not be (did not agree,
or was not asked); whether passages of it are redacted; and whether retention has removed its
free text. Every filter is a WHERE clause in SQL that SQLite and PostgreSQL both run; a page
and its count come from one pass over the matches (a search reads each free-text answer once:
about 0.1 s for 5,000 responses with four long answers each, on either database).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, exists, false, func, or_, select

from app.extensions import db
from app.models import AuditEvent, ConsultationResponse, Redaction, answers_table
from app.surveys import Survey

PER_PAGE = 50
MAX_QUERY = 200  # characters of a search kept; more would only slow the query

_cr = ConsultationResponse


class Status(StrEnum):
    PUBLISHED = "published"
    PUBLISHABLE = "publishable"
    PRIVATE = "private"
    REDACTED = "redacted"
    TEXT_REMOVED = "text_removed"


# (label, NHS.UK tag colour): the first three exclude each other, the last two are added to one.
STATUSES: dict[Status, tuple[str, str]] = {
    Status.PUBLISHED: ("Published", "nhsuk-tag--green"),
    Status.PUBLISHABLE: ("Can be published", "nhsuk-tag--blue"),
    Status.PRIVATE: ("Not for publication", "nhsuk-tag--grey"),
    Status.REDACTED: ("Redacted", "nhsuk-tag--orange"),
    Status.TEXT_REMOVED: ("Text removed", "nhsuk-tag--white"),
}

PUBLISHING = ("publish_with_name", "publish_anonymously")
NOT_ASKED = "not_asked"  # no consent stored (or a value the survey no longer offers)
CONSENTS = {"publish_with_name": "With name", "publish_anonymously": "Anonymously",
            "do_not_publish": "No", NOT_ASKED: "Not asked"}
NOT_GIVEN = "not-given"  # no respondent type: hyphenated, so no choice value can be the same

# What app.retention.apply records when it removes a consultation's free text (target: the
# consultation's id). Responses sent before then have lost theirs.
RETENTION_APPLIED = "retention_applied"


def text_removed_at(survey_id: str) -> datetime | None:
    return db.session.scalar(select(func.max(AuditEvent.at)).where(
        AuditEvent.action == RETENTION_APPLIED, AuditEvent.target == survey_id))


def statuses_of(row: ConsultationResponse, redactions: int,
                removed_at: datetime | None) -> tuple[Status, ...]:
    if row.published_at:
        found = [Status.PUBLISHED]
    else:
        found = [Status.PUBLISHABLE if row.may_publish else Status.PRIVATE]
    if redactions:
        found.append(Status.REDACTED)
    if removed_at and row.submitted_at <= removed_at:
        found.append(Status.TEXT_REMOVED)
    return tuple(found)


def consent_label(value: str | None) -> str:
    return CONSENTS.get(value or NOT_ASKED, CONSENTS[NOT_ASKED])


@dataclass(frozen=True)
class Filters:
    """What the admin asked for; values the page does not offer are dropped, never refused,
    so any address (an old bookmark, a typo) shows a list."""

    q: str = ""
    status: str = ""
    type: str = ""
    consent: str = ""

    @classmethod
    def from_args(cls, args: Mapping, survey: Survey) -> Filters:
        def offered(name: str, values) -> str:
            value = args.get(name, "")
            return value if isinstance(value, str) and value in values else ""

        # PostgreSQL refuses a NUL in text; nobody types one.
        words = args.get("q", "")
        words = words.replace("\x00", "") if isinstance(words, str) else ""
        types = [c.value for c in survey.respondent_types] + [NOT_GIVEN]
        return cls(q=" ".join(words.split())[:MAX_QUERY],
                   status=offered("status", list(Status)), type=offered("type", types),
                   consent=offered("consent", CONSENTS))

    def params(self) -> dict[str, str]:
        """The filters set, as the page's GET parameters (for links that keep them)."""
        return {k: v for k, v in (("q", self.q), ("status", self.status), ("type", self.type),
                                  ("consent", self.consent)) if v}


def _status_clause(status: str, removed_at: datetime | None):
    consented = _cr.publish_consent.in_(PUBLISHING)
    unpublished = _cr.published_at.is_(None)
    return {
        Status.PUBLISHED: _cr.published_at.is_not(None),
        Status.PUBLISHABLE: and_(unpublished, consented),
        Status.PRIVATE: and_(unpublished, or_(_cr.publish_consent.is_(None), ~consented)),
        Status.REDACTED: exists().where(Redaction.response_id == _cr.response_id),
        Status.TEXT_REMOVED: _cr.submitted_at <= removed_at if removed_at else false(),
    }[Status(status)]


def _search_clause(survey: Survey, words: str):
    """The reference, or any free-text answer, contains the words (any case)."""
    clauses = [_cr.reference.icontains(words, autoescape=True)]
    keys = [key for q in survey.questions() if q.kind.is_free_text for key in q.answer_keys()]
    if keys:
        a = answers_table.c
        clauses.append(exists().where(a.response_id == _cr.response_id, a.question_id.in_(keys),
                                      a.value.icontains(words, autoescape=True)))
    return or_(*clauses)


def _where(survey: Survey, filters: Filters, removed_at: datetime | None) -> list:
    where = [_cr.survey_id == survey.id]
    if filters.q:
        where.append(_search_clause(survey, filters.q))
    if filters.status:
        where.append(_status_clause(filters.status, removed_at))
    if filters.type == NOT_GIVEN:
        known = [c.value for c in survey.respondent_types]
        if known:  # with no types to choose from, every response has none
            where.append(or_(_cr.respondent_type.is_(None), _cr.respondent_type.not_in(known)))
    elif filters.type:
        where.append(_cr.respondent_type == filters.type)
    if filters.consent == NOT_ASKED:
        stored = [v for v in CONSENTS if v != NOT_ASKED]
        where.append(or_(_cr.publish_consent.is_(None), _cr.publish_consent.not_in(stored)))
    elif filters.consent:
        where.append(_cr.publish_consent == filters.consent)
    return where


@dataclass(frozen=True)
class Listed:
    response: ConsultationResponse
    statuses: tuple[Status, ...]
    redactions: int


@dataclass(frozen=True)
class Listing:
    rows: list[Listed]
    matching: int  # responses the filters let through
    total: int  # every response to the consultation
    page: int
    per_page: int
    filters: Filters = field(default_factory=Filters)

    @property
    def pages(self) -> int:
        return max(1, -(-self.matching // self.per_page))

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0


def _page_of(where: list, page: int, per_page: int) -> tuple[list[ConsultationResponse], int]:
    """The page's responses and how many match in all, from one pass over the matches (a
    search reads every free-text answer once, not once to count and again for the page)."""
    found = db.session.execute(
        select(_cr, func.count().over()).where(*where)
        .order_by(_cr.submitted_at.desc(), _cr.response_id.desc())
        .offset((page - 1) * per_page).limit(per_page)).all()
    if found:
        return [row for row, _n in found], found[0][1]
    if page == 1:
        return [], 0
    return [], db.session.scalar(select(func.count()).select_from(_cr).where(*where))


def listing(survey: Survey, filters: Filters, page: int = 1,
            per_page: int | None = None) -> Listing:
    """One page (of PER_PAGE) of the responses the filters let through, newest first; a page
    past the last shows the last."""
    per_page = per_page or PER_PAGE
    removed_at = text_removed_at(survey.id)
    where = _where(survey, filters, removed_at)
    page = max(page, 1)
    found, matching = _page_of(where, page, per_page)
    last_page = max(1, -(-matching // per_page))
    if page > last_page:  # an old bookmark or a typed address: show the last page
        page = last_page
        found, matching = _page_of(where, page, per_page)
    total = (db.session.scalar(select(func.count()).where(_cr.survey_id == survey.id))
             if filters.params() else matching)
    counts = dict(db.session.execute(
        select(Redaction.response_id, func.count()).where(
            Redaction.response_id.in_([r.response_id for r in found]))
        .group_by(Redaction.response_id)).all()) if found else {}
    rows = [Listed(r, statuses_of(r, counts.get(r.response_id, 0), removed_at),
                   counts.get(r.response_id, 0)) for r in found]
    return Listing(rows, matching, total, page, per_page, filters)

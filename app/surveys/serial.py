"""A survey as plain JSON data and back: for snapshots, and for the content hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any

from .schema import (
    Choice,
    Contact,
    Element,
    Item,
    MatrixRow,
    Page,
    Publishing,
    Question,
    Retention,
    Schedule,
    ShowIf,
    SubArea,
    Summary,
    Survey,
)

# Where the definition came from is not part of what it says.
_NOT_CONTENT = {"source_path", "content_hash", "marks"}


def to_data(value: Any) -> Any:
    """Dataclasses -> dicts, tuples -> lists, dates -> ISO strings; None-valued keys kept, and
    fields marked omit_empty left out while empty (Question.options)."""
    if is_dataclass(value):
        return {
            f.name: to_data(getattr(value, f.name))
            for f in fields(value)
            if f.name not in _NOT_CONTENT
            and not (f.metadata.get("omit_empty") and not getattr(value, f.name))
        }
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical_json(survey: Survey) -> str:
    return json.dumps(to_data(survey), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(survey: Survey) -> str:
    return hashlib.sha256(canonical_json(survey).encode("utf-8")).hexdigest()


def _choices(data) -> tuple[Choice, ...]:
    return tuple(Choice(**c) for c in data)


def _show_if(data) -> ShowIf | None:
    if data is None:
        return None
    return ShowIf(
        op=data["op"],
        question=data["question"],
        values=tuple(data["values"]),
        terms=tuple(_show_if(t) for t in data["terms"]),
    )


def _question(data) -> Question:
    return Question(**{
        **data,
        "choices": _choices(data["choices"]),
        "show_if": _show_if(data["show_if"]),
        "evidence_for": tuple(data["evidence_for"]),
        "rows": tuple(MatrixRow(**r) for r in data["rows"]),
        "errors": dict(data["errors"]),
    })


def _element(data) -> Element:
    return Element(data["id"], data["title"], tuple(
        SubArea(a["id"], a["title"], tuple(
            Item(i["id"], i["prompt"], i["guidance"], tuple(i["evidence_prompts"]))
            for i in a["items"]
        ))
        for a in data["sub_areas"]
    ))


def _optional(cls, data):
    return None if data is None else cls(**data)


def survey_from_data(data: dict[str, Any], *, source_path: str | None = None) -> Survey:
    """The inverse of to_data(survey): rebuild a stored snapshot as a Survey."""
    schedule = data["schedule"]
    survey = Survey(**{
        **data,
        "pages": tuple(
            Page(p["id"], p["title"], tuple(_question(q) for q in p["questions"]), p["intro"])
            for p in data["pages"]
        ),
        "schedule": schedule and Schedule(
            date.fromisoformat(schedule["opens"]), date.fromisoformat(schedule["closes"])
        ),
        "respondent_types": _choices(data["respondent_types"]),
        "publishing": _optional(Publishing, data["publishing"]),
        "contact": _optional(Contact, data["contact"]),
        "summary": _optional(Summary, data["summary"]),
        "audience_bands": tuple(data["audience_bands"]),
        "rating_scale": _choices(data["rating_scale"]),
        "fields": tuple(_question(q) for q in data["fields"]),
        "elements": tuple(_element(e) for e in data["elements"]),
        "retention": Retention(**data["retention"]),
        "source_path": source_path,
    })
    return with_hash(survey)


def with_hash(survey: Survey) -> Survey:
    return replace(survey, content_hash=content_hash(survey))

"""How the API answers: one document, or a table of rows that pages (`page`, `per_page`) and
comes as JSON or, with `format=csv`, as CSV (Power BI and Excel read both); each with an ETag,
so a client that sends If-None-Match gets 304 when nothing changed."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, datetime

from flask import Response, abort, make_response, request, url_for

from app.exports.cells import text as safe

MAX_PER_PAGE = 1000


def _dump(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _answer(body: bytes, mimetype: str) -> Response:
    tag = hashlib.sha256(body).hexdigest()[:32]
    if tag in request.if_none_match:
        return Response(status=304, headers={"ETag": f'"{tag}"'})
    response = make_response(body)
    response.mimetype = mimetype
    response.set_etag(tag)
    return response


def document(data: dict) -> Response:
    return _answer(json.dumps(data, default=_dump, sort_keys=True).encode(), "application/json")


def number(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        abort(422, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def day(name: str) -> date | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        abort(422, f"{name} must be a date like 2026-12-31")


def table(rows: list[dict], columns: list[str]) -> Response:
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "csv"):
        abort(422, "format must be json or csv")
    page = number("page", 1, 1, 1_000_000)
    per_page = number("per_page", 100, 1, MAX_PER_PAGE)
    chosen = rows[(page - 1) * per_page: page * per_page]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[safe(_cell(row.get(c))) for c in columns] for row in chosen])
        return _answer(out.getvalue().encode("utf-8-sig"), "text/csv")
    more = page * per_page < len(rows)
    args = {**request.view_args, **request.args.to_dict(), "page": page + 1}
    return document({"data": chosen, "page": page, "per_page": per_page, "total": len(rows),
                     "next": url_for(request.endpoint, _external=True, **args) if more
                     else None})


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return _dump(value) if isinstance(value, datetime | date) else value

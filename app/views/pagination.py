"""NHS.UK numbered pagination for every paged list: which page was asked for, and the
component's parameters (the first and last pages, the current one and its neighbours, ellipses
between)."""

from __future__ import annotations

from collections.abc import Callable


def page_asked(raw: str | None) -> int:
    """The page a ?page= value asks for; anything but a plain number is the first page."""
    raw = raw or "1"
    return int(raw) if raw.isdigit() and len(raw) < 7 else 1


def numbered_pages(page: int, pages: int, href: Callable[[int], str], label: str) -> dict:
    shown = sorted({1, pages, *range(page - 1, page + 2)} & set(range(1, pages + 1)))
    items, last = [], 0
    for number in shown:
        if number > last + 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page})
        last = number
    params = {"items": items, "ariaLabel": label}
    if page > 1:
        params["previous"] = {"href": href(page - 1)}
    if page < pages:
        params["next"] = {"href": href(page + 1)}
    return params

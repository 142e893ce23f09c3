"""Which figures of a candidate release to hide, before and during the disclosure audit.

Figures come in groups: the respondents (group ""); each question key's answered and answer
counts (group "key"); and the answer counts alone (group "key="), so a unanimous answer can be
hidden while how many answered stays shown. A choice is {group: set of hidden bands}, where ALL
stands for "All bands"; hiding a band in a group hides it in the groups within it. Pure
functions; a choice is never changed in place.
"""

from __future__ import annotations

from collections.abc import Iterable

ALL = "*"  # the band of an "All bands" figure

Choice = dict[str, set[str]]


VALUES = "="  # suffix of a question's answer-counts-only group


def parent(group: str) -> str | None:
    if group.endswith(VALUES):
        return group[:-1]
    return "" if group else None


def primary(bands: list[str], groups: Iterable[str], size: dict, min_size: int) -> Choice:
    """Every group under the threshold, then the line rule (settle). `size` has an entry per
    group and band (an answer-counts group is as big as its question's answered count)."""
    return settle({g: {b for b in [*bands, ALL] if size[(g, b)] < min_size} for g in groups},
                  bands, size, min_size)


def hide(choice: Choice, *pairs: tuple[str, str]) -> Choice:
    out = {g: set(h) for g, h in choice.items()}
    for group, band in pairs:
        out[group].add(band)
    return out


def settle(choice: Choice, bands: list[str], size: dict, min_size: int) -> Choice:
    """A band hidden for its respondents is hidden for every question; and in each line (the
    bands and All bands) no hidden part adds up to 1..min-1, and no single band with people in
    it is hidden alone ("All bands minus the rest"): the next smallest band is hidden too."""
    out = {g: set(h) for g, h in choice.items()}
    changed = True
    while changed:
        changed = False
        for g, hidden in out.items():
            up = parent(g)
            if up is not None and not out[up] <= hidden:
                hidden |= out[up]
                changed = True
            part = [b for b in bands if b in hidden]
            total = sum(size[(g, b)] for b in part)
            if ALL in hidden or total == 0 or (len(part) > 1 and total >= min_size):
                continue
            shown = sorted((b for b in bands if b not in hidden), key=lambda b: (size[(g, b)], b))
            hidden.add(shown[0] if shown else ALL)
            changed = True
    return out


def options(choice: Choice, bands: list[str], size: dict, keys: set[str],
            unanimous: set[str] = frozenset(), asked_by: dict | None = None) -> list[tuple]:
    """What could be hidden next for the question keys the audit named ("" for respondents),
    least first: a band's or All bands' answer counts, then a question as a whole, then
    respondents; within each, the smallest group first. For a key in `unanimous` (a hidden
    group shown to have answered as one) All bands' answer counts come first: they are what
    says so, and hiding a band would not. A question asked only after some answers to another
    (`asked_by[key]`) has more options before respondents: its count for a band (or All bands)
    together with the other question's answers for it, since either alone tells how many were
    asked.
    Each option is a tuple of (group, band) pairs to hide together."""
    out: list[tuple] = []
    for key in sorted(keys):
        for g in ([key + VALUES, key, ""] if key else [""]):
            source = (asked_by or {}).get(key)
            if g == "" and source:
                out += [(g, ((key, b), (source + VALUES, b))) for b in sorted(
                    (b for b in [*bands, ALL] if b not in choice[key] | choice[source + VALUES]),
                    key=lambda b: (size[(key, b)], b))]
            if g in choice:
                shown = [b for b in [*bands, ALL] if b not in choice[g]]
                first = g == key + VALUES and key in unanimous
                out += [(g, ((g, b),)) for b in sorted(shown, key=lambda b: (
                    not (first and b == ALL), size[(g, b)], b))]
    return [pairs for _, pairs in dict.fromkeys(out)]

"""Small-number suppression for tables of group sizes, primary and secondary. Pure functions.

A table has rows (waves or organisations) and columns (bands), plus a total for every row and
column and a grand total; each cell is the size of a group of respondents. A cell is keyed
(row, col), with TOTAL for a margin. Every figure published from one table is protected together,
so an organisation's page and its system's page cannot be played against each other.

Primary suppression hides every group under the minimum size. Secondary suppression then hides
more until no hidden group under the minimum can be worked out from the shown figures:

- a row or column whose total is shown must not have hidden members adding up to between 1 and
  min - 1 (so "total minus the other bands" never gives a small group); and
- no hidden cell may be pinned down exactly by any combination of row and column sums.

The table's sums form a bipartite graph (a node per row and column line, an edge per cell). A
hidden cell can be worked out exactly if and only if its edge is a bridge of the graph of hidden
cells, i.e. it lies on no cycle of hidden cells; `leaks` finds those with Tarjan's algorithm and
works out their values by summing the equations on one side of the bridge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TOTAL = "__total__"

Key = tuple[str, str]


# Every hidden cell reads the same, whether hidden for being small (primary) or to protect a
# small one (secondary): "fewer than 11" on a secondary cell would be untrue, and two labels
# would tell a reader which hidden groups are the small ones.
HIDDEN = "Not shown"


def fewer_than(min_size: int) -> str:
    """A whole count under the minimum, e.g. an open wave's responses so far (not a cell)."""
    return f"fewer than {min_size} responses"


def grid(rows: Iterable[str], cols: Iterable[str], inner: Mapping[Key, int]) -> dict[Key, int]:
    """Inner cells plus every row total, column total and the grand total."""
    rows, cols = list(rows), list(cols)
    out: dict[Key, int] = {}
    for r in rows:
        for c in cols:
            out[(r, c)] = int(inner.get((r, c), 0))
    for r in rows:
        out[(r, TOTAL)] = sum(out[(r, c)] for c in cols)
    for c in cols:
        out[(TOTAL, c)] = sum(out[(r, c)] for r in rows)
    out[(TOTAL, TOTAL)] = sum(out[(r, TOTAL)] for r in rows)
    return out


# Each cell (r, c) is an edge between line node ("r", r) and line node ("c", c). A line node's
# equation is: its members' sum minus its total is zero.
def _nodes(key: Key) -> tuple[tuple[str, str], tuple[str, str]]:
    return ("r", key[0]), ("c", key[1])


def _coef(node: tuple[str, str], key: Key) -> int:
    """The cell's coefficient in the node's equation: -1 where it is that line's total."""
    kind, _ = node
    if kind == "r":
        return -1 if key[1] == TOTAL else 1
    return -1 if key[0] == TOTAL else 1


def _sign(node: tuple[str, str]) -> int:
    """Signs that make every cell cancel when the equations of a connected set are added."""
    kind, name = node
    if kind == "r":
        return -1 if name == TOTAL else 1
    return 1 if name == TOTAL else -1


@dataclass(frozen=True)
class Leak:
    """A small group that shown figures give away: one hidden cell, or a line's hidden part."""

    kind: str  # "cell" or "line"
    where: object  # the cell key, or the line node
    value: int


def _bridges(edges: list[Key]) -> set[Key]:
    adj: dict = defaultdict(list)
    for key in edges:
        u, v = _nodes(key)
        adj[u].append((v, key))
        adj[v].append((u, key))
    seen: dict = {}
    low: dict = {}
    bridges: set[Key] = set()
    counter = 0
    for start in list(adj):
        if start in seen:
            continue
        seen[start] = low[start] = counter
        counter += 1
        stack = [(start, None, iter(adj[start]))]
        while stack:
            node, via, it = stack[-1]
            advanced = False
            for nxt, key in it:
                if key == via:
                    continue
                if nxt in seen:
                    low[node] = min(low[node], seen[nxt])
                else:
                    seen[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, key, iter(adj[nxt])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > seen[parent]:
                        bridges.add(via)
    return bridges


def _side(edges: list[Key], start, without: Key) -> set:
    adj: dict = defaultdict(list)
    for key in edges:
        if key == without:
            continue
        u, v = _nodes(key)
        adj[u].append(v)
        adj[v].append(u)
    side, todo = {start}, [start]
    while todo:
        for nxt in adj[todo.pop()]:
            if nxt not in side:
                side.add(nxt)
                todo.append(nxt)
    return side


def leaks(table: Mapping[Key, int], hidden: set[Key], min_size: int) -> list[Leak]:
    """Every small group (1 to min_size - 1) that the shown cells of `table` give away."""
    members: dict = defaultdict(list)  # node -> cells in its equation
    for key in table:
        for node in _nodes(key):
            members[node].append(key)

    def rhs(node, known: Mapping[Key, int]) -> int:
        return -sum(_coef(node, k) * known[k] for k in members[node] if k in known)

    unknown = [k for k in table if k in hidden]
    known = {k: v for k, v in table.items() if k not in hidden}
    found: list[Leak] = []
    for key in _bridges(unknown):
        u, _ = _nodes(key)
        side = _side(unknown, u, key)
        value = sum(_sign(n) * rhs(n, known) for n in side) // (_sign(u) * _coef(u, key))
        if 0 < value < min_size:
            found.append(Leak("cell", key, value))
    derived = dict(known)
    for key in _bridges(unknown):
        derived[key] = table[key]  # the value worked out above equals the true value
    for node, cells in members.items():
        total = next((k for k in cells if _coef(node, k) == -1), None)
        if total is None or total not in derived:
            continue
        rest = [k for k in cells if k != total and k not in derived]
        if len(rest) < 2:
            continue  # one hidden member is a bridge, checked above
        value = derived[total] - sum(derived[k] for k in cells if k != total and k in derived)
        if 0 < value < min_size:
            found.append(Leak("line", node, value))
    return found


def _candidates(table: Mapping[Key, int], hidden: set[Key], nodes) -> list[Key]:
    keys = {k for k in table if k not in hidden and any(n in nodes for n in _nodes(k))}
    # Hide inner cells before totals, and the smallest first: "the next smallest band".
    return sorted(keys, key=lambda k: (TOTAL in k, table[k], k))


def _pair_up(table: Mapping[Key, int], hidden: set[Key], min_size: int) -> None:
    """A quick first pass: no line keeps exactly one hidden cell, or a small hidden part.

    Only a speed-up: `suppress` still checks the result with `leaks`.
    """
    lines: dict = defaultdict(list)
    for key in table:
        for node in _nodes(key):
            lines[node].append(key)
    changed = True
    while changed:
        changed = False
        for node, cells in lines.items():
            gone = [k for k in cells if k in hidden]
            if not gone or len(gone) == len(cells):
                continue
            members = [k for k in gone if _coef(node, k) == 1]
            if len(gone) == 1 or 0 < sum(table[k] for k in members) < min_size:
                options = _candidates(table, hidden, (node,))
                if options:
                    hidden.add(options[0])
                    changed = True


def suppress(table: Mapping[Key, int], min_size: int) -> set[Key]:
    """The cells to hide: every group under min_size, and enough others that none leaks."""
    hidden = {k for k, v in table.items() if v < min_size}
    _pair_up(table, hidden, min_size)
    while True:
        found = leaks(table, hidden, min_size)
        if not found:
            return hidden
        # One cell at a time, so no more is hidden than needed.
        leak = found[0]
        nodes = _nodes(leak.where) if leak.kind == "cell" else (leak.where,)
        options = _candidates(table, hidden, nodes)
        if not options:  # nothing shown beside the leak: hide the whole table
            return set(table)
        hidden.add(options[0])


def percent(count: int, of: int) -> int | None:
    """A whole-number percentage, only of a group that is shown (callers check)."""
    return round(100 * count / of) if of else None

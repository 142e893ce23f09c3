"""An independent attacker for published tables: given what was shown (cells and totals of a
rows × bands table), try every subtraction and linear combination to pin down hidden groups.

Written apart from app.analysis.audit on purpose: it solves the sums by exact Gaussian
elimination over fractions rather than by graph bridges.
"""

from __future__ import annotations

from fractions import Fraction

T = "__total__"


def equations(rows, cols):
    """Each line: (members, total)."""
    out = []
    for r in [*rows, T]:
        out.append(([(r, c) for c in cols], (r, T)))
    for c in [*cols, T]:
        out.append(([(r, c) for r in rows], (T, c)))
    return out


def recover(rows, cols, shown: dict) -> dict:
    """Every hidden cell whose value follows exactly from the shown ones, with that value."""
    unknown = sorted(k for k, v in shown.items() if v is None)
    index = {k: i for i, k in enumerate(unknown)}
    matrix = []
    for members, total in equations(rows, cols):
        row = [Fraction(0)] * (len(unknown) + 1)
        for key, coef in [(m, 1) for m in members] + [(total, -1)]:
            if key in index:
                row[index[key]] += coef
            else:
                row[-1] -= coef * shown[key]
        if any(row[:-1]):
            matrix.append(row)
    # reduced row echelon form
    pivots = []
    r = 0
    for c in range(len(unknown)):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][c]
        matrix[r] = [x / lead for x in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][c] != 0:
                factor = matrix[i][c]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
    found = {}
    for i, c in enumerate(pivots):
        if all(matrix[i][j] == 0 for j in range(len(unknown)) if j != c):
            found[unknown[c]] = int(matrix[i][-1])
    return found


def disclosures(rows, cols, shown: dict, truth: dict, min_size: int) -> list[str]:
    """What an attacker learns that they must not: a group under min_size shown as a number, a
    hidden group under min_size worked out exactly, or a line's hidden part under min_size."""
    problems = []
    for key, value in shown.items():
        if value is not None and value < min_size:
            problems.append(f"shown small group {key}={value}")
    known = dict(shown)
    for key, value in recover(rows, cols, shown).items():
        known[key] = value
        if 0 < value < min_size:
            problems.append(f"recovered hidden group {key}={value}")
    for members, total in equations(rows, cols):
        if known.get(total) is None:
            continue
        hidden = [m for m in members if known.get(m) is None]
        if len(hidden) >= 2:
            rest = known[total] - sum(known[m] for m in members if known.get(m) is not None)
            if 0 < rest < min_size:
                problems.append(f"line {total}: hidden part adds up to {rest}")
    return problems


def grid(rows, cols, inner: dict) -> dict:
    """Inner cells plus every row total, column total and the grand total."""
    rows, cols = list(rows), list(cols)
    out = {(r, c): int(inner.get((r, c), 0)) for r in rows for c in cols}
    for r in rows:
        out[(r, T)] = sum(out[(r, c)] for c in cols)
    for c in cols:
        out[(T, c)] = sum(out[(r, c)] for r in rows)
    out[(T, T)] = sum(out[(r, T)] for r in rows)
    return out

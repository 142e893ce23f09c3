"""The disclosure audit's programmes solved layer by layer: respondents first, then each question.

A system's unknowns are one connected programme (every question's counts hang off the
respondents), far too big to solve once per hidden figure: thousands of unknowns, seconds a
programme. But with the respondents fixed, each question's counts are a small programme of
their own: questions meet only through the respondents (answered <= respondents) or through
show_if, which puts the questions it joins in one block.

So a bound of a figure is first worked out on a relaxation, the respondents and the blocks the
figure touches, with every constraint among them and none of the others. Dropping constraints
only widens the feasible set, so the relaxation's optimum is at least as good as the true one.
Its optimal point is then completed, block by block with the respondents fixed; if every block
has a solution and the whole point meets every constraint of the part, the point is feasible
and the relaxation's optimum is the true one. Only when completion fails is the whole part
solved (programmes.Part). Every point kept is checked against the whole part, so a figure shown
safe by one really is.
"""

from __future__ import annotations

import contextlib

import numpy as np
from scipy.optimize import Bounds, LinearConstraint
from scipy.sparse import coo_array

from app.analysis import highs
from app.analysis.programmes import UNBOUNDED, Atom, AuditTimeout, Expr, Groups, Part

TOLERANCE = 1e-6
MORE_BLOCKS = 3  # blocks added to a relaxation before the whole part is solved instead


def _people(atom: Atom) -> bool:
    return atom[2] == ""  # the respondent counts' layer: question key ""


class _Block:
    """One block's constraints with the respondents' part kept apart: A x <= or == b - P r."""

    def __init__(self, atoms: list[Atom], rows: list[tuple[Expr, float, bool]],
                 people: dict[Atom, int]):
        self.atoms = atoms
        index = {a: i for i, a in enumerate(atoms)}
        self.eq = np.array([is_eq for _, _, is_eq in rows], dtype=bool)
        self.rhs = np.array([b for _, b, _ in rows], dtype=float)
        own, fixed = ([], [], []), ([], [], [])
        for i, (expr, _, _) in enumerate(rows):
            for atom, coef in expr.items():
                target, col = (fixed, people[atom]) if _people(atom) else (own, index[atom])
                target[0].append(i)
                target[1].append(col)
                target[2].append(coef)
        self.own = coo_array((own[2], (own[0], own[1])), shape=(len(rows), len(atoms))).tocsr()
        self.fixed = coo_array((fixed[2], (fixed[0], fixed[1])),
                               shape=(len(rows), len(people))).tocsr()

    def solve(self, people_values: np.ndarray, aim: Expr) -> dict | None:
        """An integer point of this block given the respondents, best for `aim` (maximised)."""
        if not self.atoms:
            return {}
        rhs = self.rhs - self.fixed @ people_values
        constraints = []
        if self.eq.any():
            constraints.append(LinearConstraint(self.own[self.eq], rhs[self.eq], rhs[self.eq]))
        if (~self.eq).any():
            constraints.append(LinearConstraint(self.own[~self.eq], -np.inf, rhs[~self.eq]))
        cost = np.zeros(len(self.atoms))
        for i, atom in enumerate(self.atoms):
            cost[i] = -aim.get(atom, 0)
        x = None
        for integer in (False, True):
            x, _ = highs.solve(cost, constraints, integer, Bounds(0, UNBOUNDED), None)
            if x is None:
                return None
            if np.allclose(x, np.round(x), atol=TOLERANCE):
                break
        return {a: round(x[i]) for i, a in enumerate(self.atoms)}


class Layers:
    """A part's unknowns as the respondents and blocks of questions (see the module)."""

    def __init__(self, part: Part):
        self.part = part
        groups = Groups()
        rows = [(e, b, True) for e, b in part.eqs] + [(e, b, False) for e, b in part.ineqs]
        for expr, _, _ in rows:
            groups.join(a[2] for a in expr if not _people(a))
        for atom in part.atoms:
            if not _people(atom):
                groups.find(atom[2])
        self.block_of = {key: groups.find(key) for key in list(groups)}
        self.people = [a for a in part.atoms if _people(a)]
        people_index = {a: i for i, a in enumerate(self.people)}
        self.atoms: dict[str, list[Atom]] = {}
        for atom in part.atoms:
            if not _people(atom):
                self.atoms.setdefault(self.block_of[atom[2]], []).append(atom)
        self.rows: dict[str | None, list] = {None: []}  # None: among respondents only
        for row in rows:
            key = next((a[2] for a in row[0] if not _people(a)), None)
            self.rows.setdefault(None if key is None else self.block_of[key], []).append(row)
        self.blocks = {b: _Block(atoms, self.rows.get(b, []), people_index)
                       for b, atoms in self.atoms.items()}
        self._relaxed: dict[frozenset, Part] = {}

    def blocks_of(self, expr: Expr) -> frozenset:
        return frozenset(self.block_of[a[2]] for a in expr if not _people(a))

    def relaxed(self, blocks: frozenset) -> Part:
        """The respondents and these blocks, with every constraint among them only."""
        if blocks not in self._relaxed:
            atoms = self.people + [a for b in sorted(blocks) for a in self.atoms[b]]
            rows = self.rows[None] + [r for b in sorted(blocks) for r in self.rows.get(b, [])]
            self._relaxed[blocks] = Part(atoms, [(e, b) for e, b, eq in rows if eq],
                                         [(e, b) for e, b, eq in rows if not eq])
        return self._relaxed[blocks]

    def complete(self, point: dict, aims: dict[str, Expr] | None = None
                 ) -> tuple[dict | None, str | None]:
        """`point` (the respondents and some blocks) with every other block solved for the
        same respondents, best for its aim: (the whole point, None) if it is feasible, else
        (None, the first block that has no solution)."""
        values = np.array([point[a] for a in self.people], dtype=float)
        full = dict(point)
        for block, programme in self.blocks.items():
            if programme.atoms and programme.atoms[0] in point:
                continue
            solved = programme.solve(values, (aims or {}).get(block, {}))
            if solved is None:
                return None, block
            full.update(solved)
        return (full, None) if self.feasible(full) else (None, None)

    def feasible(self, point: dict) -> bool:
        index, constraints = self.part._constraints()
        x = np.zeros(len(index))
        for atom, i in index.items():
            x[i] = point.get(atom, 0)
        if (x < 0).any():
            return False
        for constraint in constraints:
            ax = constraint.A @ x
            if (ax < constraint.lb - TOLERANCE).any() or (ax > constraint.ub + TOLERANCE).any():
                return False
        return True

    def solve(self, expr: Expr, sense: int, blocks: frozenset,
              aims: dict[str, Expr] | None = None,
              caps: tuple[tuple[Expr, float], ...] = ()) -> tuple[float, dict | None]:
        """The optimum of expr over the relaxation of the respondents and `blocks`, and a whole
        feasible point reaching it, or None. A block the point cannot be completed in joins
        the relaxation and it is solved again, a few times at most: the respondents a block
        can follow are usually ones the others can follow too."""
        for _ in range(MORE_BLOCKS + 1):
            value, point = self.relaxed(blocks).optimum(expr, sense, caps)
            full, failed = self.complete(point, aims)
            if full is not None or failed is None:
                return value, full
            blocks = blocks | {failed}
        return value, None

    def extreme(self, expr: Expr, sense: int, cap: float | None = None) -> float:
        """max (sense 1, up to the cap if any) or min (-1) of expr over the part's integer
        points: the relaxation's, when its point completes; otherwise the whole part's."""
        key = (frozenset(expr.items()), sense, cap)
        if key not in self.part.exact:
            value, full = self.solve(expr, sense, self.blocks_of(expr),
                                     caps=() if cap is None else ((expr, cap),))
            if full is None:
                return self.part.extreme(expr, sense, cap)
            self.part.witnesses.append(full)
            self.part.exact[key] = value
        return self.part.exact[key]

    def witness(self, aims: dict[str, Expr]) -> None:
        """A feasible point with the respondents as they truly are, each block pushed towards
        its aim; kept as a witness."""
        truth = self.part.witnesses[0]  # the true data, always the first (audit._split)
        full, _ = self.complete({a: truth[a] for a in self.people}, aims)
        if full is not None:
            self.part.witnesses.append(full)

    def reach(self, groups: list[tuple[Expr, float]], aims: dict[str, Expr]) -> None:
        """A feasible point moving the respondents so that as many of these groups (sums of
        respondents) as can reach their bound at once do, each block then pushed towards its
        aim; kept as a witness if it completes."""
        total: Expr = {}
        for expr, _ in groups:
            for atom, coef in expr.items():
                total[atom] = total.get(atom, 0) + coef
        with contextlib.suppress(AuditTimeout):
            _, full = self.solve(total, 1, frozenset(), aims, tuple(groups))
            if full is not None:
                self.part.witnesses.append(full)


def layers_of(part: Part) -> Layers:
    if part.layers is None:
        part.layers = Layers(part)
    return part.layers

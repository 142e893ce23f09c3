"""Integer programmes over one connected part of the disclosure audit's unknowns (HiGHS, as scipy's
milp drives it: highs.py): the constraints are built once per part; each question is a new
objective."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint
from scipy.sparse import coo_array

from app.analysis import highs

UNBOUNDED = 10**7  # no group is this big; a range reaching it is open-ended
TIME_LIMIT = 20.0  # seconds per programme; past it the figure is treated as given away


class AuditTimeout(RuntimeError):
    """A programme that could not be solved in time: the caller must assume the worst."""

Atom = tuple[int, str, str, str]  # wave id, band, question key, value



Expr = dict  # atom -> coefficient


class Groups(dict):
    """Which group each item is in, as items are joined (union-find with path halving)."""

    def find(self, item):
        while self.setdefault(item, item) != item:
            self[item] = self[self[item]]
            item = self[item]
        return item

    def join(self, items) -> None:
        items = list(items)
        for item in items[1:]:
            self[self.find(item)] = self.find(items[0])
        if items:
            self.find(items[0])


@dataclass
class Part:
    """A connected set of unknowns and the constraints among them, solved as one programme."""

    atoms: list[Atom]
    eqs: list[tuple[Expr, float]] = field(default_factory=list)
    ineqs: list[tuple[Expr, float]] = field(default_factory=list)  # expr <= bound
    witnesses: list[dict] = field(default_factory=list)
    exact: dict = field(default_factory=dict)
    built: tuple | None = None  # (atom index, scipy constraints), made on first use
    layers: object = None  # app.analysis.layers.Layers, made on first use

    def _matrix(self, rows: list[tuple[Expr, float]], index: dict):
        r, c, v = [], [], []
        for i, (expr, _) in enumerate(rows):
            for atom, coef in expr.items():
                r.append(i)
                c.append(index[atom])
                v.append(coef)
        return coo_array((v, (r, c)), shape=(len(rows), len(index))).tocsr()

    def _constraints(self) -> tuple[dict, list]:
        if self.built is None:
            index = {a: i for i, a in enumerate(self.atoms)}
            constraints = []
            if self.eqs:
                rhs = np.array([b for _, b in self.eqs])
                constraints.append(LinearConstraint(self._matrix(self.eqs, index), rhs, rhs))
            if self.ineqs:
                ub = np.array([b for _, b in self.ineqs])
                constraints.append(LinearConstraint(self._matrix(self.ineqs, index), -np.inf,
                                                    ub))
            self.built = (index, constraints)
        return self.built

    def optimum(self, expr: Expr, sense: int,
                caps: tuple[tuple[Expr, float], ...] = ()) -> tuple[float, dict]:
        """max (sense 1) or min (sense -1) of expr over this part's integer points; with caps
        (expr <= bound), of a maximum only as far as they allow (a cap at the minimum group
        size is all a "could it reach the minimum?" question needs, and gives a point that
        moves less from the truth, so easier to complete).

        The linear relaxation first: these sums are near network matrices, whose corners are
        whole numbers, so its optimum is usually an integer point and hence the answer; only
        when it is not is the integer programme solved."""
        index, constraints = self._constraints()
        cost = np.zeros(len(index))
        for atom, coef in expr.items():
            cost[index[atom]] = -sense * coef
        if caps:
            constraints = [*constraints, LinearConstraint(
                self._matrix(list(caps), index), -np.inf, np.array([b for _, b in caps]))]
        x = None
        for integer in (False, True):
            x, message = highs.solve(cost, constraints, integer, Bounds(0, UNBOUNDED),
                                     TIME_LIMIT)
            if x is None:  # the true data is feasible: the solver gave up
                raise AuditTimeout(message)
            if np.allclose(x, np.round(x), atol=1e-6):
                break
        # Rounded by numpy, not one round() per unknown: parts have thousands of them.
        point = dict(zip(index, np.rint(x).astype(np.int64).tolist(), strict=True))
        return sum(coef * point[a] for a, coef in expr.items()), point

    def best(self, expr: Expr, sense: int) -> float:
        """The best value of expr among the feasible points found so far."""
        return max(sense * sum(c * w[a] for a, c in expr.items()) for w in self.witnesses) * sense

    def extreme(self, expr: Expr, sense: int, cap: float | None = None) -> float:
        key = (frozenset(expr.items()), sense, cap)
        if key not in self.exact:
            value, point = self.optimum(expr, sense, () if cap is None else ((expr, cap),))
            self.witnesses.append(point)
            self.exact[key] = value
        return self.exact[key]

"""app/analysis/highs.py gives exactly the point scipy's milp gives, on programmes shaped like the
disclosure audit's: which optimal point comes back decides which witnesses the quick audits see,
and so what a release hides, so "as good" is not enough; it must be the same."""

from __future__ import annotations

import random

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from app.analysis import highs


def _programme(rng: random.Random):
    """Sums of unknowns equal to shown figures, and 'answered <= respondents'-like rows."""
    n = rng.randint(2, 40)
    truth = [rng.randint(0, 25) for _ in range(n)]
    constraints = []
    for kind in ("eq", "ineq"):
        rows, cols, vals, bounds = [], [], [], []
        for i in range(rng.randint(0, n)):
            chosen = rng.sample(range(n), rng.randint(1, min(n, 6)))
            coefs = [rng.choice((1, 1, 1, -1)) for _ in chosen]
            rows += [i] * len(chosen)
            cols += chosen
            vals += coefs
            total = sum(c * truth[j] for c, j in zip(coefs, chosen, strict=True))
            bounds.append(total + (0 if kind == "eq" else rng.randint(0, 3)))
        if bounds:
            matrix = coo_array((vals, (rows, cols)), shape=(len(bounds), n)).tocsr()
            lower = np.array(bounds, float) if kind == "eq" else -np.inf
            constraints.append(LinearConstraint(matrix, lower, np.array(bounds, float)))
    cost = np.array([rng.choice((-1.0, 0.0, 0.5, 1.0)) for _ in range(n)])
    return cost, constraints


def test_the_same_point_as_milp_on_the_audits_kind_of_programme():
    assert highs.lean(), "scipy no longer builds HiGHS where highs.py looks: see its docstring"
    rng = random.Random(2026)
    fractional = 0
    for _ in range(300):
        cost, constraints = _programme(rng)
        bounds = Bounds(0, 10**7)
        for integer in (False, True):
            expected = milp(cost, constraints=constraints, bounds=bounds,
                            integrality=np.full(len(cost), int(integer)),
                            options={"time_limit": 20.0}).x
            got, message = highs.solve(cost, constraints, integer, bounds, 20.0)
            assert (got is None) == (expected is None), message
            if got is not None:
                assert np.array_equal(got, expected)
                fractional += not integer and not np.allclose(got, np.round(got))
    assert fractional  # the integer programmes were not all the relaxation's answer again


def test_an_infeasible_programme_gives_no_point_and_says_why():
    constraint = LinearConstraint(np.array([[1.0, 1.0]]), 5, 5)
    for integer in (False, True):
        x, message = highs.solve(np.array([1.0, -1.0]), [constraint, LinearConstraint(
            np.array([[1.0, 0.0]]), 7, 7)], integer, Bounds(0, 10), None)
        assert x is None and "nfeasible" in message

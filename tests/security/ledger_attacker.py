"""An independent attacker for the ledger of everything staff-voice outputs ever published.

Written apart from app.analysis on purpose: it shares no code with the suppression or any audit
in app/, and knows only what an organisation lead or ICS lead can see (every figure every output
showed, at every visit, and which waves each output covers: dates are shown) plus the survey
definition (which questions are required, which are shown only after some answer).

It puts all of it into one integer programme (scipy.optimize.milp, HiGHS). Unknowns are
non-negative whole numbers, per wave and band: respondents; per question, how many answered;
per answer value, how many gave it. Constraints:

- every shown figure equals its sum of unknowns ("All bands" is the sum over the audience bands,
  a system figure the sum over the waves it covers, a percentage shown without its count bounds
  that count);
- answered <= respondents, with equality for a required question shown to everyone (and, only
  if the caller models it with QuestionModel.shown_when, a required question shown only after
  some answers to an earlier single-choice question is answered by exactly those who gave them);
- single choice and likert: the answer counts add up to answered; multiple choice: each count is
  at most answered and together they are at least answered.

The rule it checks (the protection the release audit promises), for every figure that any output
hid whose true value t is at least 1 (a hidden figure of 0 protects nobody):

- a group size (respondents, or "answered" of a question): the attacker's range [lo, hi] over
  all whole-number solutions reaches the minimum group size (hi >= min_group_size), so a small
  group is neither pinned (lo == hi) nor bounded under the minimum; a hidden group of at least
  the minimum may be worked out, as it could have been shown;
- an answer count of a hidden group (its "answered" figure is shown nowhere): lo == 0 or
  hi >= min_group_size, where lo leaves out the parts shown elsewhere (a system count that
  includes one trust's shown count is not hidden for that part): the attacker cannot show that
  anyone in the hidden group gave that answer, or the count could be a safe size. The answer
  counts of a shown group are not protected as such; what they give away about hidden groups
  inside it is checked on those groups;
- attribute disclosure: for every hidden "answered" figure (shown nowhere: a group some output
  shows, with its answer counts, is a shown group, as above) and each answer value v of its
  question, the attacker cannot prove everyone in the group gave v: max(answered - count_v) >= 1;
- and a group size shown anywhere is 0 or at least the minimum.

Ranges are found with few solves: the true figures are one solution, solutions that push the
sum of every undecided figure up or down are more, and only figures still undecided get a solve
of their own (maximise, then minimise).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

RESPONDENTS, ANSWERED, COUNT = "respondents", "answered", "count"
ALL = "All bands"
CAP = 100_000  # an upper bound on every unknown, so every programme is bounded
SOLVE_SECONDS = 20.0


@dataclass(frozen=True)
class Figure:
    """A published (or hidden) figure: the sum of one measure over some waves and bands."""

    measure: str  # RESPONDENTS, ANSWERED or COUNT
    waves: tuple[int, ...]  # wave ids the figure adds up, sorted
    band: str  # a band code, or ALL
    question: str = ""
    value: str = ""

    @staticmethod
    def of(measure: str, waves: Iterable[int], band: str, question: str = "",
           value: str = "") -> Figure:
        return Figure(measure, tuple(sorted(set(waves))), band, question, value)


@dataclass(frozen=True)
class QuestionModel:
    id: str
    kind: str  # "single", "multiple" or "text"
    values: tuple[str, ...] = ()
    always_answered: bool = False  # required and shown to everyone
    # required and shown only when an earlier single-choice question got one of these answers
    shown_when: tuple[str, tuple[str, ...]] | None = None


@dataclass
class Output:
    """What one output showed at one visit."""

    name: str
    visit: int
    shown: dict[Figure, int] = field(default_factory=dict)
    hidden: set[Figure] = field(default_factory=set)
    # linear bounds on figures: ({figure: coefficient}, low, high), e.g. a percentage
    bounds: list[tuple[dict[Figure, float], float, float]] = field(default_factory=list)


@dataclass
class Finding:
    rule: str
    figure: Figure
    truth: int
    low: int | None
    high: int | None
    outputs: list[str]
    value: str = ""  # the answer value, for an attribute disclosure
    how: str = ""  # one visit, or only by combining visits

    def line(self, describe) -> str:
        where = "; ".join(self.outputs[:4]) + (
            f"; and {len(self.outputs) - 4} more" if len(self.outputs) > 4 else "")
        rng = f"[{self.low}, {self.high}]"
        if self.rule == "attribute":
            return (f"ATTRIBUTE: everyone in hidden group {describe(self.figure)} (true size "
                    f"{self.truth}) provably answered {self.value!r}: max(answered - count) over "
                    f"the feasible set is {self.high}. Hidden in: {where}.{self.how}")
        if self.rule == "shown small":
            return (f"SHOWN SMALL GROUP: {describe(self.figure)} = {self.truth} shown in: {where}.")
        return (f"{self.rule.upper()}: {describe(self.figure)}: true value {self.truth}, "
                f"attacker's range {rng}. Hidden in: {where}.{self.how}")


class Ledger:
    """Every output harvested, and the survey structure an attacker reads off the definition."""

    def __init__(self, bands: list[str], questions: list[QuestionModel], min_size: int):
        self.bands = list(bands)
        self.questions = {q.id: q for q in questions}
        self.min_size = min_size
        self.outputs: list[Output] = []
        self.waves: set[int] = set()
        self.wave_names: dict[int, str] = {}
        self.visit_names: dict[int, str] = {}

    def add(self, output: Output) -> None:
        self.outputs.append(output)
        for fig in [*output.shown, *output.hidden,
                    *(f for terms, _, _ in output.bounds for f in terms)]:
            self.waves.update(fig.waves)

    def describe(self, fig: Figure) -> str:
        if len(fig.waves) == 1:
            where = self.wave_names.get(fig.waves[0], f"wave {fig.waves[0]}")
        else:
            where = "system (" + " + ".join(self.wave_names.get(w, f"wave {w}")
                                            for w in fig.waves) + ")"
        band = fig.band if fig.band == ALL else f"Band {fig.band}"
        what = {RESPONDENTS: "respondents", ANSWERED: f"answered {fig.question}",
                COUNT: f"count {fig.question}={fig.value}"}[fig.measure]
        return f"{what}, {band}, {where}"


class Programme:
    """The integer programme over a set of outputs."""

    def __init__(self, ledger: Ledger, outputs: list[Output]):
        self.ledger = ledger
        self.index: dict[tuple, int] = {}
        for w in sorted(ledger.waves):
            for b in ledger.bands:
                self._var((RESPONDENTS, w, b, "", ""))
                for q in ledger.questions.values():
                    self._var((ANSWERED, w, b, q.id, ""))
                    for v in q.values:
                        self._var((COUNT, w, b, q.id, v))
        self.n = len(self.index)
        rows: list[tuple[dict[int, float], float, float]] = []
        for w in sorted(ledger.waves):
            for b in ledger.bands:
                r = self.index[(RESPONDENTS, w, b, "", "")]
                for q in ledger.questions.values():
                    a = self.index[(ANSWERED, w, b, q.id, "")]
                    if q.always_answered:
                        rows.append(({a: 1, r: -1}, 0, 0))
                    else:
                        rows.append(({a: 1, r: -1}, -np.inf, 0))
                    if q.shown_when is not None:
                        src, values = q.shown_when
                        terms = {a: 1.0}
                        for v in values:
                            key = (COUNT, w, b, src, v)
                            terms[self.index[key]] = terms.get(self.index[key], 0) - 1
                        rows.append((terms, 0, 0))
                    counts = [self.index[(COUNT, w, b, q.id, v)] for v in q.values]
                    if q.kind == "single" and counts:
                        rows.append(({**dict.fromkeys(counts, 1), a: -1}, 0, 0))
                    elif q.kind == "multiple" and counts:
                        rows.append(({**dict.fromkeys(counts, 1), a: -1}, 0, np.inf))
                        rows.extend(({c: 1, a: -1}, -np.inf, 0) for c in counts)
        seen: set = set()
        for out in outputs:
            for fig, value in out.shown.items():
                key = (self.key(fig), value)
                if key not in seen:
                    seen.add(key)
                    rows.append((self.expr(fig), value, value))
            for terms, low, high in out.bounds:
                combined: dict[int, float] = defaultdict(float)
                for fig, coef in terms.items():
                    for i, c in self.expr(fig).items():
                        combined[i] += coef * c
                rows.append((dict(combined), low, high))
        data, ri, ci, lo, hi = [], [], [], [], []
        for k, (terms, low, high) in enumerate(rows):
            for i, c in terms.items():
                ri.append(k)
                ci.append(i)
                data.append(c)
            lo.append(low)
            hi.append(high)
        self.matrix = csr_array((data, (ri, ci)), shape=(len(rows), self.n))
        self.lo, self.hi = np.array(lo, float), np.array(hi, float)
        self.solves = 0

    def _var(self, key: tuple) -> int:
        return self.index.setdefault(key, len(self.index))

    def expr(self, fig: Figure) -> dict[int, float]:
        bands = self.ledger.bands if fig.band == ALL else [fig.band]
        return {self.index[(fig.measure, w, b, fig.question, fig.value)]: 1.0
                for w in fig.waves for b in bands}

    def key(self, fig: Figure) -> tuple[int, ...]:
        return tuple(sorted(self.expr(fig)))

    def vector(self, terms: dict[int, float]) -> np.ndarray:
        out = np.zeros(self.n)
        for i, c in terms.items():
            out[i] += c
        return out

    def feasible(self, x: np.ndarray) -> list[int]:
        """Rows the point breaks (the true figures must break none)."""
        y = self.matrix @ x
        return [int(k) for k in np.nonzero((y < self.lo - 1e-9) | (y > self.hi + 1e-9))[0]]

    def solve(self, objective: np.ndarray) -> tuple[np.ndarray | None, float]:
        """Minimise objective·x: (the best point found or None, a proven lower bound on the
        minimum). Optimal within the time limit: the bound is the minimum itself."""
        self.solves += 1
        res = milp(objective, integrality=np.ones(self.n),
                   bounds=Bounds(np.zeros(self.n), np.full(self.n, CAP)),
                   constraints=[LinearConstraint(self.matrix, self.lo, self.hi)],
                   options={"time_limit": SOLVE_SECONDS, "presolve": True})
        if res.status == 0:
            return np.round(res.x), float(res.fun)
        bound = getattr(res, "mip_dual_bound", None)
        bound = -np.inf if bound is None or not np.isfinite(bound) else float(bound)
        return (None if res.x is None else np.round(res.x)), bound

    def range_of(self, row: np.ndarray) -> tuple[int | None, int, int | None, int,
                                                 list[np.ndarray]]:
        """(lowest found, proven lowest, highest found, proven highest, points) of row·x."""
        points = []
        x_hi, bound = self.solve(-row)
        hi_proven = int(np.floor(-bound + 1e-6)) if np.isfinite(bound) else CAP * self.n
        x_lo, bound = self.solve(row)
        lo_proven = int(np.ceil(bound - 1e-6)) if np.isfinite(bound) else 0
        hi = lo = None
        if x_hi is not None:
            points.append(x_hi)
            hi = int(round(float(row @ x_hi)))
        if x_lo is not None:
            points.append(x_lo)
            lo = int(round(float(row @ x_lo)))
        return lo, max(lo_proven, 0), hi, hi_proven, points

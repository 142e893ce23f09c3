"""The disclosure audit: can anyone work out a small group from everything ever released?

Pure functions, no database: the caller passes every figure of a ledger (all the releases of one
system and survey, and the candidate release), each with its true value and whether it is shown.

The attacker's model. The unknowns ("atoms") are, per wave and band: how many responded, how many
answered each question, and how many gave each answer. Every shown figure is a sum of atoms (a
band or all bands, one wave or the waves a system release covers), so every release ever made
gives equations. The survey itself gives more: non-negative integers; answered <= respondents;
answered == respondents for a required question with no condition; a single answer's counts add
up to the answered count; a multiple choice's counts are each at most, and together at least, the
answered count. Older releases' equations are included, so differencing over time is covered.

The rule (docs/staff_voice.md), for every hidden figure whose true value is at least 1 (a hidden
0 has nobody in it to protect):
- a group size (respondents, or answered): its feasible integer range reaches the minimum group
  size (so a small group is neither worked out exactly nor bounded under the minimum; a group of
  at least the minimum could have been shown, so working it out gives nothing away);
- an answer count: either it could be 0 (nobody in the hidden group is shown to have given it)
  or it could reach the minimum group size;
- attribute: for a hidden answered count, it must stay possible that someone in the group gave
  some other answer than each value (never "everyone in the hidden group said v").

Ranges are worked out with integer programmes (scipy's milp, HiGHS), one per connected part of
the unknowns: shown figures with one unknown fix it first (presolve), and unknowns that share no
equation or group are independent, so a range over several parts is the sum of their ranges.
Feasible points found on the way (the true data is one) answer most questions without a solve.
"""

from __future__ import annotations

import contextlib
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.analysis.layers import layers_of
from app.analysis.programmes import Atom, AuditTimeout, Expr, Groups, Part

ANSWERED = "*"
RESPONDENTS = ("", "")  # the layer (question key, value) of the respondent counts
@dataclass(frozen=True)
class KeySpec:
    """What the attacker knows of one answer key from the survey's definition."""

    key: str
    values: tuple[str, ...]  # () for free text: only the answered count is published
    multiple: bool = False
    always: bool = False  # required and unconditional: everyone who responded answered it
    # Asked only of those who gave one of `values` to the single-answer question `key`
    # (show_if: {question: key, in: values}); required: every one of them answered it.
    when: tuple[str, tuple[str, ...]] | None = None
    required: bool = False


@dataclass
class Figure:
    """One figure of a release: the sum of `key`/`value` over `waves` x `bands`."""

    release: object  # how the report names the release
    waves: tuple[int, ...]
    bands: tuple[str, ...]
    key: str
    value: str
    n: int  # the true value
    shown: bool
    min_size: int
    label: str = ""  # "Band 3", "All bands"

    def atoms(self) -> list[Atom]:
        return [(w, b, self.key, self.value) for w in self.waves for b in self.bands]

    @property
    def is_group(self) -> bool:
        return self.value in ("", ANSWERED)


@dataclass(frozen=True)
class Violation:
    figure: Figure
    problem: str  # plain English, for logs and tests
    low: int
    high: int


@dataclass
class _Need:
    figure: Figure
    expr: Expr
    kind: str  # "group", "count" or "attribute"
    truth: int
    rest: Expr | None = None  # of a count: the part not shown elsewhere, wave by wave


class _Ledger:
    def __init__(self, figures: list[Figure], specs: Mapping[int, Iterable[KeySpec]],
                 truth: Mapping[Atom, int]):
        self.truth = truth
        eqs: list[tuple[Expr, float]] = []
        ineqs: list[tuple[Expr, float]] = []
        cells = {(w, b) for f in figures for w in f.waves for b in f.bands}
        for w, b in sorted(cells):
            r = (w, b, *RESPONDENTS)
            for spec in specs[w]:
                a = (w, b, spec.key, ANSWERED)
                # What the definition implies, where the stored answers bear it out (rows
                # written around the runner, as the benchmarks' bulk loads do, may not).
                if spec.always and self._true(a) == self._true(r):
                    eqs.append(({a: 1, r: -1}, 0))
                else:
                    ineqs.append(({a: 1, r: -1}, 0))
                if spec.when is not None:
                    asked = {(w, b, spec.when[0], v): -1 for v in spec.when[1]}
                    exact = spec.required and self._true(a) == sum(map(self._true, asked))
                    (eqs if exact else ineqs).append(({a: 1, **asked}, 0))
                counts = [(w, b, spec.key, v) for v in spec.values]
                if not counts:
                    continue
                if spec.multiple:
                    ineqs.extend(({c: 1, a: -1}, 0) for c in counts)
                    ineqs.append(({**{c: -1 for c in counts}, a: 1}, 0))
                elif sum(self._true(c) for c in counts) == self._true(a):
                    eqs.append(({**{c: 1 for c in counts}, a: -1}, 0))
                else:
                    ineqs.append(({**{c: 1 for c in counts}, a: -1}, 0))
        for f in figures:
            if f.shown:
                eqs.append((dict.fromkeys(f.atoms(), 1), f.n))
        self.known = self._presolve(eqs)
        self.parts: dict[Atom, Part] = self._split(eqs, ineqs)

    def _true(self, atom: Atom) -> int:
        return self.truth.get(atom, 0)

    def _presolve(self, eqs: list[tuple[Expr, float]]) -> dict[Atom, float]:
        """Fix every unknown that an equation with one unknown left pins down. Each equation
        keeps how many unknowns it has left and the sum of its known part, so the whole pass
        touches each coefficient a few times however long the sums are."""
        known: dict[Atom, float] = {}
        uses: dict = defaultdict(list)
        for i, (expr, _) in enumerate(eqs):
            for atom in expr:
                uses[atom].append(i)
        left = [len(expr) for expr, _ in eqs]
        partial = [0.0] * len(eqs)
        todo = [i for i, n in enumerate(left) if n == 1]
        while todo:
            i = todo.pop()
            if left[i] != 1:
                continue
            expr, rhs = eqs[i]
            atom = next(a for a in expr if a not in known)
            value = (rhs - partial[i]) / expr[atom]
            known[atom] = value
            for j in uses[atom]:
                left[j] -= 1
                partial[j] += eqs[j][0][atom] * value
                if left[j] == 1:
                    todo.append(j)
        return known

    def _reduce(self, expr: Expr, bound: float) -> tuple[Expr, float]:
        free = {a: c for a, c in expr.items() if a not in self.known}
        return free, bound - sum(c * self.known[a] for a, c in expr.items() if a in self.known)

    def _split(self, eqs, ineqs) -> dict[Atom, Part]:
        groups = Groups()
        reduced = [(*self._reduce(e, b), True) for e, b in eqs] + \
                  [(*self._reduce(e, b), False) for e, b in ineqs]
        for free, _, _ in reduced:
            groups.join(free)
        find = groups.find
        parts: dict[Atom, Part] = {}
        for atom in list(groups):
            parts.setdefault(find(atom), Part([]))
        for atom in list(groups):
            parts[find(atom)].atoms.append(atom)
        for free, bound, is_eq in reduced:
            if free:
                part = parts[find(next(iter(free)))]
                (part.eqs if is_eq else part.ineqs).append((free, bound))
        truth_point = {a: self.truth.get(a, 0) for a in groups}
        for part in parts.values():
            part.witnesses.append(truth_point)
        return {a: parts[find(a)] for a in list(groups)}

    def split_expr(self, expr: Expr) -> tuple[float, list[tuple[Part, Expr]]]:
        """(the known part's value, [(part, the expression's unknowns in it)])."""
        const = sum(c * self.known[a] for a, c in expr.items() if a in self.known)
        by_part: dict[int, tuple[Part, Expr]] = {}
        for atom, coef in expr.items():
            if atom in self.known:
                continue
            part = self.parts.get(atom)
            if part is None:  # in no constraint at all: the attacker cannot bound it
                part = self.parts[atom] = Part([atom], witnesses=[{atom: self.truth.get(atom, 0)}])
            by_part.setdefault(id(part), (part, {}))[1][atom] = coef
        return const, list(by_part.values())

    def bound(self, expr: Expr, sense: int, exact: bool, cap: float | None = None) -> float:
        """The max (sense 1) or min (-1) of expr: over the points found so far, or exactly; a
        maximum in one part only as far as the cap, when there is one."""
        const, pieces = self.split_expr(expr)
        if not exact:
            return const + sum(p.best(e, sense) for p, e in pieces)
        cap = cap - const if cap is not None and len(pieces) == 1 else None
        return const + sum(layers_of(p).extreme(e, sense, cap) if len(p.atoms) >= LAYERED_FROM
                           else p.extreme(e, sense, cap) for p, e in pieces)


def _needs(figures: list[Figure], truth: Mapping[Atom, int],
           specs: Mapping[int, Iterable[KeySpec]]) -> list[_Need]:
    needs: list[_Need] = []
    # A figure some release shows is public, however often it is hidden elsewhere.
    seen: set = {(frozenset(f.atoms()), f.min_size) for f in figures if f.shown}
    public = {ident[0] for ident in seen}
    values_of = {(w, s.key): s.values for w, keys in specs.items() for s in keys}
    for f in figures:
        if f.shown or f.n < 1:
            continue
        expr = dict.fromkeys(f.atoms(), 1)
        ident = (frozenset(expr), f.min_size)
        if ident in seen or ident[0] in public:
            continue
        answered = frozenset((w, b, f.key, ANSWERED) for w in f.waves for b in f.bands)
        if not f.is_group and answered in public:
            # The answer counts of a group that is shown: not small, so its counts are not
            # protected as such; what they might give away about hidden groups inside it is
            # checked on those groups' own figures.
            continue  # the same sum hidden in several releases is one question
        seen.add(ident)
        rest = {a: c for a, c in expr.items() if frozenset(
            (a[0], b, f.key, f.value) for b in f.bands) not in public}
        needs.append(_Need(f, expr, "group" if f.is_group else "count", f.n, rest))
        if f.value != ANSWERED:
            continue
        values = {v for w in f.waves for v in values_of.get((w, f.key), ())}
        for v in sorted(values):
            gap = {**expr, **{(w, b, f.key, v): -1 for w in f.waves for b in f.bands}}
            if sum(c * truth.get(a, 0) for a, c in gap.items()) == 0:
                needs.append(_Need(f, gap, f"attribute:{v}", 0))
    return needs


# A part of this many unknowns or more is solved layer by layer (app/analysis/layers.py): one
# programme over all of it takes seconds there, while below it the layers' many small
# programmes cost more than the one.
LAYERED_FROM = 3000
SPREAD = 4  # a small part's witnesses with random weights, for points far apart
ROUNDS = 4  # witnesses per part with the respondents as they are
PUSHES = 24  # then witnesses moving the respondents so that small groups reach the minimum


def _whole(part: Part, items: list[tuple[_Need, Expr]], rng: random.Random) -> None:
    """A small part's witnesses, each a programme over all of it: every open question's
    figure pushed up at once, then down, then random weights on every unknown."""
    for sense in (1, -1):
        total: dict = defaultdict(int)
        for need, expr in items:
            if sense == 1 or not need.kind.startswith("attribute"):
                for atom, coef in expr.items():
                    total[atom] += coef
        _witness(part, dict(total), sense)
    for _ in range(SPREAD):
        _witness(part, {a: rng.choice((-1, 1)) for a in part.atoms}, 1)


def _witness(part: Part, expr: Expr, sense: int) -> None:
    with contextlib.suppress(AuditTimeout):  # one point fewer: the exact programmes decide
        part.witnesses.append(part.optimum(expr, sense)[1])


def _batch(ledger: _Ledger, needs: list[_Need]) -> None:
    """Feasible points that answer most questions without a programme each (seeded, so an
    audit is repeatable). First with the respondents as they truly are, each pushing a random
    half of the open questions' figures up (or, for an answer count, towards 0 as often as
    up): optima sit at corners, where hidden figures are 0 in one point and large in another.
    Then moving the respondents so that as many small groups as can reach the minimum at once
    do, with their answered counts pushed up with them."""
    rng = random.Random(0)
    by_part: dict[int, tuple[Part, list]] = {}
    for need in needs:
        for part, expr in ledger.split_expr(need.expr)[1]:
            rest = {a: c for a, c in expr.items() if a in (need.rest or {})}
            by_part.setdefault(id(part), (part, []))[1].append((need, expr, rest))
    for part, items in by_part.values():
        if len(part.atoms) <= 1:
            continue
        if len(part.atoms) < LAYERED_FROM:
            _whole(part, [(need, expr) for need, expr, _ in items], rng)
            continue
        layers = layers_of(part)
        for _ in range(ROUNDS):
            aims: dict = {}
            for need, expr, rest in items:
                if rng.random() < 0.5:
                    continue
                down = need.kind == "count" and rng.random() < 0.5
                for atom, coef in (rest if down else expr).items():
                    if atom[2]:
                        block = aims.setdefault(layers.block_of[atom[2]], defaultdict(float))
                        block[atom] += -coef if down else coef
            layers.witness(aims)
        groups: dict = {}  # respondents' sum -> (it, its cap, the open needs on it)
        aims = {}
        for need, expr, _ in items:
            if need.kind != "group" or not all(c > 0 for c in expr.values()):
                continue
            people = {(*a[:2], "", ""): c for a, c in expr.items()}
            if not all(a in layers.people for a in people):
                continue
            truth = sum(c * ledger.truth.get(a, 0) for a, c in people.items())
            # Capped at the minimum, but never under the truth (which stays feasible).
            group = groups.setdefault(frozenset(people.items()),
                                      (people, max(need.figure.min_size, truth), []))
            group[2].append(need)
            for atom, coef in expr.items():
                if atom[2]:
                    aims.setdefault(layers.block_of[atom[2]], {})[atom] = coef
        for _ in range(PUSHES):
            chosen = [(people, cap) for people, cap, waiting in groups.values()
                      if any(_verdict(ledger, n, exact=False) for n in waiting)]
            if not chosen:
                break
            before = len(part.witnesses)
            layers.reach(chosen, aims)
            if len(part.witnesses) == before:
                break


def _verdict(ledger: _Ledger, need: _Need, exact: bool) -> Violation | None:
    f = need.figure
    # Could be 0: nobody in the hidden group is shown to have given it. The part of the figure
    # shown elsewhere (a wave's own count, inside a system's) is public, not hidden: a system
    # count of "at least the 2 shown for one trust" tells nothing new.
    if need.kind == "count" and ledger.bound(need.rest, -1, exact) == 0:
        return None
    attribute = need.kind.startswith("attribute")
    high = ledger.bound(need.expr, 1, exact, cap=1 if attribute else f.min_size)
    if attribute:
        if high >= 1:
            return None
        value = need.kind.split(":", 1)[1]
        return Violation(f, f"everyone in the hidden group gave the answer '{value}'", 0, 0)
    if high >= f.min_size:
        return None
    low = ledger.bound(need.expr, -1, exact)
    if low == high:
        problem = f"worked out exactly as {round(low)}"
    else:
        problem = f"shown to lie between {round(low)} and {round(high)}, under {f.min_size}"
    return Violation(f, problem, round(low), round(high))


def audit(figures: list[Figure], specs: Mapping[int, Iterable[KeySpec]],
          truth: Mapping[Atom, int], stop_after: int | None = None,
          quick: bool = False) -> list[Violation]:
    """Every hidden figure of `figures` that the shown ones give away (see the module's rule);
    with stop_after, only the first stop_after + 1 of them (enough to say "more than"). Quick:
    every figure the sample points do not show safe, without proving it given away (a cheap
    superset, to compare ways of hiding more; only a full audit decides)."""
    ledger = _Ledger(figures, specs, truth)
    needs = _needs(figures, truth, specs)
    open_needs = [n for n in needs if _verdict(ledger, n, exact=False)]
    if open_needs:
        _batch(ledger, open_needs)
    found = []
    for need in open_needs:
        if _verdict(ledger, need, exact=False) is None:
            continue
        if quick:
            found.append(Violation(need.figure, "not shown safe by the sample points", 0, 0))
            continue
        try:
            violation = _verdict(ledger, need, exact=True)
        except AuditTimeout as error:  # could not prove it safe: treat it as given away
            violation = Violation(need.figure, f"not proved safe in time ({error})", 0, 0)
        if violation is not None:
            found.append(violation)
            if stop_after is not None and len(found) > stop_after:
                break
    return found

"""The attacker's verdicts (tests/security/ledger_attacker.py has its model and rule): the
ranges of every hidden figure over the whole ledger, the breaches of the rule, and a report."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from tests.security.ledger_attacker import (
    ALL,
    ANSWERED,
    COUNT,
    RESPONDENTS,
    Figure,
    Finding,
    Ledger,
    Programme,
)


@dataclass
class _Check:
    kind: str  # "group", "count" or "attribute"
    figure: Figure
    truth: int
    row: np.ndarray  # the expression (answered - count for an attribute check)
    value: str = ""
    ne: bool = False  # some solution differs from the truth
    big: bool = False  # some solution reaches the minimum (group) / is 0 or reaches it (count)
    low: int | None = None
    high: int | None = None
    known: int = 0  # of a count: the part of it shown elsewhere (public, not protected)

    @property
    def done(self) -> bool:
        return self.ne and self.big


def truth_of(fig: Figure, truth: dict[tuple, int], bands: list[str]) -> int:
    bands = bands if fig.band == ALL else [fig.band]
    return sum(truth.get((fig.measure, w, b, fig.question, fig.value), 0)
               for w in fig.waves for b in bands)


def mismatches(ledger: Ledger, truth: dict[tuple, int]) -> list[str]:
    """Shown figures that are not the true ones (the attacker's model of what an output covers
    would then be wrong, or the output is)."""
    out = []
    for o in ledger.outputs:
        for fig, value in o.shown.items():
            t = truth_of(fig, truth, ledger.bands)
            if t != value:
                out.append(f"{o.name}: {ledger.describe(fig)} shown as {value}, true {t}")
    return out


def breach(measure: str, truth: int, low: int, high: int, min_size: int, known: int = 0) -> str:
    """Which part of the rule a proven range [low, high] of a hidden figure breaks ("" none)."""
    if low == high == truth and truth < min_size:
        return "pinned"
    if measure != COUNT and high < min_size:
        return "bounded below the minimum"
    if measure == COUNT and low - known > 0 and high < min_size:
        return "shown to be given by someone, and bounded below the minimum"
    return ""


def attack(ledger: Ledger, truth: dict[tuple, int], max_findings: int = 20,
           explain: int = 4) -> tuple[list[Finding], dict]:
    """Every breach of the rule in the module docstring, over all of the ledger's outputs.

    `truth` maps (measure, wave, band, question, value) to the true count. Returns the findings
    (at most max_findings; the attack stops there) and statistics.
    """
    started = time.monotonic()
    outputs = ledger.outputs
    findings: list[Finding] = []
    m = ledger.min_size
    small: dict[tuple[Figure, int], list[str]] = {}
    for o in outputs:
        for fig, value in o.shown.items():
            q = ledger.questions.get(fig.question)
            # How many wrote a comment is not a group size: the comments themselves show it.
            if fig.measure != COUNT and 0 < value < m and not (q and q.kind == "text"):
                small.setdefault((fig, value), []).append(o.name)
    findings += [Finding("shown small", fig, value, value, value, names)
                 for (fig, value), names in small.items()]
    prog = Programme(ledger, outputs)
    x_true = np.zeros(prog.n)
    for key, i in prog.index.items():
        x_true[i] = truth.get(key, 0)
    broken = prog.feasible(x_true)
    assert not broken, (
        "the attacker's constraints do not hold for the true figures (an output shows a figure "
        "that is not the true one, or covers other waves than the attacker assumes):\n"
        + "\n".join(mismatches(ledger, truth)[:20]))

    hidden_in: dict[tuple, list[str]] = defaultdict(list)
    rep: dict[tuple, Figure] = {}
    for o in outputs:
        for fig in sorted(o.hidden, key=repr):
            k = prog.key(fig)
            if not k:
                continue
            rep.setdefault(k, fig)
            hidden_in[k].append(o.name)
    checks: list[_Check] = []
    order = {RESPONDENTS: 0, ANSWERED: 1, COUNT: 2}
    public = {prog.key(fig): value for o in outputs for fig, value in o.shown.items()}
    for fig in sorted(rep.values(), key=lambda f: (order[f.measure], len(f.waves), repr(f))):
        t = truth_of(fig, truth, ledger.bands)
        if t < 1:
            continue
        row = prog.vector(prog.expr(fig))
        # A figure of at least the minimum could have been shown: pinning it is no breach.
        if fig.measure == COUNT:
            group = Figure(ANSWERED, fig.waves, fig.band, fig.question)
            if prog.key(group) in public:
                continue  # answer counts of a shown group: its hidden subgroups are checked
            # The part of the count shown elsewhere, wave by wave, is public, not hidden.
            known = sum(public.get(prog.key(Figure(COUNT, (w,), fig.band, fig.question,
                                                   fig.value)), 0) for w in fig.waves)
            if known >= t:
                continue  # every part of it is shown elsewhere: public, not hidden
            checks.append(_Check("count", fig, t, row, ne=t >= m, big=t >= m, known=known))
        else:
            checks.append(_Check("group", fig, t, row, ne=t >= m, big=t >= m))
        if fig.measure == ANSWERED and prog.key(fig) not in public:
            q = ledger.questions.get(fig.question)
            for v in (q.values if q else ()):
                cfig = Figure(COUNT, fig.waves, fig.band, fig.question, v)
                tv = truth_of(cfig, truth, ledger.bands)
                diff = row - prog.vector(prog.expr(cfig))
                checks.append(_Check("attribute", fig, t, diff, value=v, ne=True,
                                     big=t - tv >= 1))

    def absorb(x: np.ndarray) -> None:
        for c in checks:
            if c.done:
                continue
            y = int(round(float(c.row @ x)))
            if c.kind == "attribute":
                c.big = c.big or y >= 1
                continue
            c.ne = c.ne or y != c.truth
            c.big = c.big or y >= m or (c.kind == "count" and y - c.known == 0)

    # Shared witnesses: push every undecided figure up, then down, while that decides more.
    for _ in range(3):
        progress = False
        for sign in (-1.0, 1.0):  # minimising -sum: maximise
            todo = [c for c in checks if not c.done]
            if not todo:
                break
            objective = sign * sum(c.row for c in todo)
            x, _ = prog.solve(objective)
            if x is None:
                continue
            before = len(todo)
            absorb(x)
            progress = progress or sum(not c.done for c in checks) < before
        if not progress:
            break

    stopped = False
    for c in checks:
        if c.done:
            continue
        if len(findings) >= max_findings:
            stopped = True
            break
        if c.kind == "attribute":
            x, bound = prog.solve(-c.row)
            if x is not None:
                absorb(x)
            if c.big:
                continue
            most = int(np.floor(-bound + 1e-6)) if np.isfinite(bound) else None
            rule = "attribute" if most is not None and most < 1 else "undecided (time limit)"
            findings.append(Finding(rule, c.figure, c.truth, None, most,
                                    hidden_in[prog.key(c.figure)], value=c.value))
            continue
        lo, lo_proven, hi, hi_proven, points = prog.range_of(c.row)
        for x in points:
            absorb(x)
        if c.done:
            continue
        c.low, c.high = lo, hi
        rule = breach(c.figure.measure, c.truth, lo_proven, hi_proven, m, c.known)
        if not rule:
            rule = (f"undecided (time limit; proven range [{lo_proven}, {hi_proven}], "
                    f"found [{lo}, {hi}])")
        findings.append(Finding(rule, c.figure, c.truth, lo, hi,
                                hidden_in[prog.key(c.figure)]))

    # How: within one visit, or only by combining visits (for the first few findings).
    for f in findings[:explain]:
        if f.rule == "shown small" or f.rule.startswith("undecided"):
            continue
        visits = sorted({o.visit for o in outputs if o.name in f.outputs})
        alone = None
        for v in visits:
            sub = Programme(ledger, [o for o in outputs if o.visit == v])
            row = sub.vector(sub.expr(f.figure))
            if f.rule == "attribute":
                row = row - sub.vector(sub.expr(Figure(COUNT, f.figure.waves, f.figure.band,
                                                       f.figure.question, f.value)))
                x, bound = sub.solve(-row)
                if np.isfinite(bound) and np.floor(-bound + 1e-6) < 1:
                    alone = v
                    break
                continue
            _, lo_proven, _, hi_proven, _ = sub.range_of(row)
            if breach(f.figure.measure, f.truth, lo_proven, hi_proven, m):
                alone = v
                break
        if alone is not None:
            f.how = (f" Worked out from the outputs of a single visit: "
                     f"{ledger.visit_names.get(alone, alone)}.")
        else:
            f.how = " Only by combining outputs saved at different visits (differencing over time)."
    stats = {"checks": len(checks), "solves": prog.solves, "variables": prog.n,
             "constraints": prog.matrix.shape[0], "seconds": round(time.monotonic() - started, 2),
             "stopped": stopped}
    return findings, stats


def report(ledger: Ledger, findings: list[Finding], stats: dict, header: str = "") -> str:
    """The findings as a readable attack report: one line per finding, findings that differ only
    in the question (the same group seen through each question it answered) on one line."""
    lines = [header] if header else []
    lines.append(f"{len(findings)} disclosure(s) found"
                 + (" (stopped looking after these)" if stats.get("stopped") else "")
                 + f"; {stats['checks']} checks, {stats['solves']} solves, "
                   f"{stats['variables']} unknowns, {stats['constraints']} constraints, "
                   f"{stats['seconds']} s:")
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        key = (f.rule, f.figure.measure, f.figure.waves, f.figure.band, f.truth, f.low, f.high,
               tuple(o.split(": ", 1)[-1] for o in f.outputs))
        groups.setdefault(key if f.figure.measure == ANSWERED else (id(f),), []).append(f)
    for same in groups.values():
        line = "  - " + same[0].line(ledger.describe)
        if len(same) > 1:
            others = ", ".join(f"{f.figure.question}" + (f" (all {f.value!r})" if f.value else "")
                               for f in same[1:])
            line += f" The same for: {others}."
        lines.append(line)
    return "\n".join(lines)

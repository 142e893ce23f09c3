"""Hand-made ledgers for the disclosure audit's tests: one question, three bands."""

from __future__ import annotations

from app.analysis.audit import Figure

BANDS = ("2", "3", "4")
Q = "break_space"
VALUES = ("agree", "disagree")


def row(release, waves, truth, shown_bands, total=True, layers=(("", ""),)):
    """Figures of one release over `waves`: each band (shown or not) and all bands."""
    out = []
    for key, value in layers:
        for b in BANDS:
            n = sum(truth.get((w, b, key, value), 0) for w in waves)
            out.append(Figure(release, tuple(waves), (b,), key, value, n, b in shown_bands, 11))
        n = sum(truth.get((w, b, key, value), 0) for w in waves for b in BANDS)
        out.append(Figure(release, tuple(waves), BANDS, key, value, n, total, 11))
    return out

"""Finding themes in free text, offline and the same every time.

1. Identical and near-identical texts are grouped first (duplicates.py): a campaign pasted 3,000
   times is themed once and counted 3,000 times.
2. Texts with nothing to theme are set aside and counted, with the reason: empty, too short
   (under two words that carry meaning), or not in English (no common English word at all).
3. Each remaining text becomes a TF-IDF vector over its words and word pairs (common English
   words dropped, terms in more than half the texts dropped).
4. Non-negative matrix factorisation (NMF) splits those vectors into k themes, each a weighted
   list of terms, and gives each text a weight on each theme.
5. k is chosen by stability: on a fixed sample, NMF is run from several random starts for each
   candidate k, and the k whose themes come out most alike from every start is kept (themes
   that only one start finds are not real structure).
6. Each theme is labelled by its top terms and its most representative texts; a text belongs
   to its strongest theme, and also to any other at least half as strong.

Random starts use fixed seeds and the input is taken in the order given, so the same texts
give the same themes, byte for byte.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from app.analysis.theming.duplicates import Group, group_duplicates, normalise

MIN_TEXTS = 20  # distinct texts with words to theme, below which no theme is offered
K_RANGE = range(3, 13)
SEEDS = (0, 1, 2)
STABILITY_SAMPLE = 3000
SECONDARY = 0.5  # a text also belongs to a theme at least this share of its strongest
WORD = re.compile(r"(?u)\b[^\W\d_][^\W\d_'’-]+\b")
SKIP_REASONS = {"empty": "empty", "short": "too short to theme (under two words that carry "
                "meaning)", "language": "not in English, as far as a simple check can tell"}
# Words so common in every answer of these jobs that they would lead every theme, filler words,
# and what is left of contractions once the apostrophe splits them ("don't" -> "don").
DOMAIN_STOP = frozenset({
    "staff", "nhs", "framework", "wellbeing", "health", "think", "like", "really", "lot",
    "lots", "things", "thing", "feel", "people", "work", "just", "need", "needs", "want",
    "get", "got", "make", "makes", "bit", "actually", "don", "doesn", "didn", "isn", "aren",
    "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "haven", "hasn", "hadn", "ain", "ll",
    "ve", "re"})
STOP = frozenset(ENGLISH_STOP_WORDS) | DOMAIN_STOP


class NotEnoughTexts(ValueError):
    """Too few texts to find themes in: the message says how many there are and are needed."""

    def __init__(self, have: int, need: int = MIN_TEXTS):
        super().__init__(f"There are {have} distinct text{'s' if have != 1 else ''} with words "
                         f"to theme; finding themes needs at least {need}. Tag them by hand, "
                         "or wait for more.")
        self.have, self.need = have, need


@dataclass(frozen=True)
class FoundTheme:
    terms: tuple[str, ...]  # the theme's top terms, strongest first
    examples: tuple[int, ...]  # input indexes of its most representative texts
    members: tuple[int, ...]  # input indexes of every text in it (duplicates included)

    @property
    def label(self) -> str:
        return ", ".join(self.terms[:3])


@dataclass(frozen=True)
class Discovery:
    themes: tuple[FoundTheme, ...]
    stability: dict[int, float]  # candidate k -> how alike its themes were across starts
    groups: tuple[Group, ...]  # duplicate groups, every input index in one
    skipped: dict[str, tuple[int, ...]] = field(default_factory=dict)  # reason -> indexes

    @property
    def k(self) -> int:
        return len(self.themes)


def meaningful_words(text: str) -> list[str]:
    return [w for w in WORD.findall(normalise(text)) if w not in STOP]


def skip_reason(text: str) -> str | None:
    words = WORD.findall(normalise(text))
    if not words:
        return "empty"
    if len(words) >= 4 and not any(w in ENGLISH_STOP_WORDS for w in words):
        return "language"
    if len(meaningful_words(text)) < 2:
        return "short"
    return None


def discover(texts: list[str], k_range=K_RANGE) -> Discovery:
    groups = tuple(group_duplicates(texts))
    skipped: dict[str, list[int]] = {}
    usable: list[Group] = []
    for g in groups:
        reason = skip_reason(texts[g.representative])
        if reason:
            skipped.setdefault(reason, []).extend(g.members)
        else:
            usable.append(g)
    if len(usable) < MIN_TEXTS:
        raise NotEnoughTexts(len(usable))
    vectoriser = TfidfVectorizer(
        lowercase=True, preprocessor=normalise, token_pattern=WORD.pattern, stop_words=list(STOP),
        ngram_range=(1, 2), min_df=2, max_df=0.5, sublinear_tf=True, max_features=20000,
        dtype=np.float64)
    try:
        matrix = vectoriser.fit_transform([texts[g.representative] for g in usable])
    except ValueError as empty_vocabulary:  # every word in one text only, or in every text
        raise NotEnoughTexts(0) from empty_vocabulary
    terms = vectoriser.get_feature_names_out()
    candidates = [k for k in k_range if k <= max(2, len(usable) // 8) and k < len(terms)]
    if not candidates:
        raise NotEnoughTexts(len(usable), need=24)
    stability = {k: _stability(matrix, k) for k in candidates}
    best = max(candidates, key=lambda k: (round(stability[k], 2), k))
    model = NMF(n_components=best, init="nndsvda", random_state=0, max_iter=600, tol=1e-5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(matrix)
    themes = _themes(weights, model.components_, terms, usable)
    return Discovery(themes, {k: round(v, 3) for k, v in stability.items()}, groups,
                     {k: tuple(sorted(v)) for k, v in sorted(skipped.items())})


def _stability(matrix, k: int) -> float:
    """Mean similarity of the themes found from each random start, matched one to one."""
    step = max(1, matrix.shape[0] // STABILITY_SAMPLE)
    sample = matrix[::step]
    runs = []
    for seed in SEEDS:
        with warnings.catch_warnings():  # a rough fit is enough to compare starts
            warnings.simplefilter("ignore", ConvergenceWarning)
            found = NMF(n_components=k, init="random", random_state=seed, max_iter=300,
                        tol=1e-4).fit(sample).components_
        norms = np.linalg.norm(found, axis=1, keepdims=True)
        runs.append(found / np.where(norms == 0, 1, norms))
    scores = []
    for a, b in combinations(runs, 2):
        similarity = a @ b.T
        rows, cols = linear_sum_assignment(-similarity)
        scores.append(float(similarity[rows, cols].mean()))
    return float(np.mean(scores))


def _label_terms(weights_row, terms, n: int = 6) -> tuple[str, ...]:
    """Top terms, skipping one whose words an earlier (stronger) term already has."""
    chosen: list[str] = []
    for index in np.argsort(-weights_row, kind="stable"):
        if weights_row[index] <= 0 or len(chosen) == n:
            break
        term = str(terms[index])
        words = set(term.split())
        if any(words <= set(c.split()) or set(c.split()) <= words for c in chosen):
            continue
        chosen.append(term)
    return tuple(chosen)


def _themes(weights, components, terms, usable: list[Group]) -> tuple[FoundTheme, ...]:
    strongest = weights.max(axis=1)
    belongs = (weights >= SECONDARY * strongest[:, None]) & (strongest[:, None] > 0)
    found = []
    for j in range(components.shape[0]):
        rows = np.flatnonzero(belongs[:, j])
        if rows.size == 0:
            continue
        # The most representative: strongest on this theme relative to their other themes.
        share = weights[rows, j] / np.maximum(weights[rows].sum(axis=1), 1e-12)
        best = rows[np.lexsort((rows, -np.round(share, 6)))][:3]
        members = sorted(m for r in rows for m in usable[r].members)
        found.append(FoundTheme(_label_terms(components[j], terms),
                                tuple(usable[r].representative for r in best), tuple(members)))
    return tuple(sorted(found, key=lambda t: (-len(t.members), t.terms)))

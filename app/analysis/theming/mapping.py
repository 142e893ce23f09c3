"""Mapping every text to the analyst's themes, learning from what the analyst tagged.

Each text becomes a vector of meaning: the mean of its words' WordLlama embeddings (embedding.py:
"rota" lands near "roster") beside a 100-dimension summary of its TF-IDF words and word pairs
over this body of text (latent semantic analysis: which words turn up together here). A
logistic regression learns from the tagged texts, one example per (text, theme) pair, plus each
theme's own name as an example, so a well-named theme maps texts even before any tag. A text
tagged with no theme teaches a "none of these" class. Each other text gets its most likely
theme, and also the next one if that is at least SECOND as likely. The analyst's own tags always
win over the model's.

The texts the model is least sure of (the smallest lead of its first choice over its second)
are offered to the analyst to tag next: each of those tags teaches it most.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from app.analysis.theming import embedding
from app.analysis.theming.duplicates import normalise

SECOND = 0.5
LSA_DIMENSIONS = 100
LSA_WEIGHT = 0.7
NONE = "\0none"  # the class of texts the analyst said carry no theme


@dataclass(frozen=True)
class Features:
    """Vectors of a body of text (the slow part, done once per body of text), and a way to
    make vectors of other short texts (theme names) in the same space."""

    matrix: np.ndarray  # one row per text
    vectoriser: object | None
    lsa: object | None

    def of(self, texts: list[str]) -> np.ndarray:
        words = embedding.embed(texts)
        if self.lsa is None:
            return np.hstack([words, np.zeros((len(texts), 0))])
        summary = self.lsa.transform(self.vectoriser.transform(texts))
        return np.hstack([words, LSA_WEIGHT * _unit(summary)])


@dataclass(frozen=True)
class Mapping:
    themes: dict[int, tuple[str, ...]]  # text index -> theme ids (analyst's where tagged)
    by_model: frozenset[int]  # indexes whose themes came from the model
    unsure: tuple[int, ...]  # untagged indexes, least sure first


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)


def features(texts: list[str]) -> Features:
    words = embedding.embed(texts)
    vectoriser = TfidfVectorizer(preprocessor=normalise, ngram_range=(1, 2), min_df=2,
                                 sublinear_tf=True, max_features=50000, stop_words="english")
    try:
        tfidf = vectoriser.fit_transform(texts)
    except ValueError:  # no word common enough: too few or too short texts
        return Features(words, None, None)
    size = min(LSA_DIMENSIONS, tfidf.shape[1] - 1, len(texts) - 1)
    if size < 2:
        return Features(words, None, None)
    lsa = TruncatedSVD(size, random_state=0, algorithm="randomized", n_iter=5)
    summary = _unit(lsa.fit_transform(tfidf))
    return Features(np.hstack([words, LSA_WEIGHT * summary]), vectoriser, lsa)


def map_texts(found: Features, count: int, themes: dict[str, str],
              tagged: dict[int, set[str]], queue: int = 20,
              hints: dict[int, set[str]] | None = None) -> Mapping:
    """`themes`: theme id -> its name, in order. `tagged`: text index -> the theme ids the
    analyst gave it (an empty set: none of them). `hints`: untagged texts to learn from as if
    tagged (a found theme's most representative texts), whose own themes the model still
    decides."""
    ids = list(themes)
    chosen = {i: tuple(t for t in ids if t in tags) for i, tags in tagged.items()}
    rest = np.array([i for i in range(count) if i not in tagged], dtype=np.int64)
    if rest.size == 0 or not ids:
        return Mapping(chosen, frozenset(), ())
    rows, labels = [], []
    examples = {i: t for i, t in (hints or {}).items() if i not in tagged} | tagged
    for i in sorted(examples):
        for theme in [t for t in ids if t in examples[i]] or [NONE]:
            rows.append(found.matrix[i])
            labels.append(theme)
    names = found.of(list(themes.values()))
    examples = np.vstack([*rows, names]) if rows else names
    labels += ids
    if len(set(labels)) < 2:  # one theme only: everything is it
        return Mapping(chosen | {int(i): (ids[0],) for i in rest},
                       frozenset(int(i) for i in rest), tuple(int(i) for i in rest[:queue]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(C=100.0, max_iter=2000, random_state=0,
                                   class_weight="balanced")
        model.fit(examples, labels)
    classes = list(model.classes_)
    # Rounded so that the last bits of floating point cannot change a result.
    probabilities = np.round(model.predict_proba(found.matrix[rest]), 6)
    order = np.argsort(-probabilities, axis=1, kind="stable")
    first = probabilities[np.arange(rest.size), order[:, 0]]
    second = probabilities[np.arange(rest.size), order[:, 1]]
    for n, index in enumerate(rest):
        picked = [classes[order[n, 0]]]
        if second[n] >= SECOND * first[n]:
            picked.append(classes[order[n, 1]])
        chosen[int(index)] = tuple(t for t in ids if t in picked)
    lead = first - second
    ranked = np.lexsort((rest, lead))
    return Mapping(chosen, frozenset(int(i) for i in rest),
                   tuple(int(rest[i]) for i in ranked[:queue]))

"""What a theme analysis says: per theme how many texts carry it (by the analyst or the model),
split by respondent type or organisation, with quotes that may be published; and how far the
coders agree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from app.analysis.theming import agreement, mapping, store
from app.analysis.theming.corpora import Corpus

QUOTES = 3
FOLDS = 5


@dataclass(frozen=True)
class ThemeCount:
    theme: object  # app.models.AnalysisTheme
    texts: int
    by_analyst: int
    by_group: dict[str, int]
    quotes: tuple  # Entry, quotable, analyst-tagged first

    def share(self, total: int) -> int:
        return round(100 * self.texts / total) if total else 0


@dataclass(frozen=True)
class Results:
    total: int
    themes: tuple[ThemeCount, ...]
    unthemed: int
    groups: tuple[str, ...]  # every group, for table columns


def results(analysis, corpus: Corpus) -> Results:
    final = store.final_codes(analysis)
    tagged = store.codes(analysis)
    entries = corpus.by_key()
    groups = tuple(sorted({e.group for e in corpus.entries}))
    out = []
    for theme in store.accepted(analysis):
        keys = [k for k in entries if theme.key in final.get(k, set())]
        ranked = sorted(keys, key=lambda k: (k not in tagged, k))
        quotes = tuple(entries[k] for k in ranked if entries[k].quotable)[:QUOTES]
        out.append(ThemeCount(theme, len(keys), sum(k in tagged for k in keys),
                              dict(Counter(entries[k].group for k in keys)), quotes))
    out.sort(key=lambda c: (-c.texts, c.theme.name))
    unthemed = sum(1 for k in entries if not final.get(k))
    return Results(len(entries), tuple(out), unthemed, groups)


def between_analysts(analysis) -> agreement.Agreement:
    ids = [t.key for t in store.accepted(analysis)]
    return agreement.agreement(store.codes(analysis), store.codes(analysis, "second"), ids)


def model_against_analyst(analysis, corpus: Corpus) -> agreement.Agreement | None:
    """The model's agreement with the analyst on texts it did not learn from: the analyst's
    tagged texts in FOLDS parts, each predicted by a model trained on the others."""
    keys = [e.key for e in corpus.entries]
    index = {k: i for i, k in enumerate(keys)}
    tagged = {index[k]: ids for k, ids in store.codes(analysis).items() if k in index}
    if len(tagged) < 2 * FOLDS:
        return None
    found = store.features_of(corpus)
    themes = {t.key: t.name for t in store.accepted(analysis)}
    rows = sorted(tagged)
    predicted = {}
    for fold in range(FOLDS):
        held = rows[fold::FOLDS]
        train = [i for i in rows if i not in set(held)]
        subset = np.array(train + held)
        part = mapping.Features(found.matrix[subset], found.vectoriser, found.lsa)
        mapped = mapping.map_texts(part, len(subset), themes,
                                   {n: tagged[i] for n, i in enumerate(train)})
        for n, i in enumerate(held, start=len(train)):
            predicted[keys[i]] = set(mapped.themes.get(n, ()))
    reference = {keys[i]: set(t) for i, t in tagged.items()}
    return agreement.agreement(predicted, reference, list(themes))

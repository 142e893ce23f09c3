"""How well the theme model maps texts after an analyst has tagged 10% of them, on the labelled
sets in tests/support/theme_corpus/ (written for this, each text with its themes).

The analyst's themes are the set's themes, named as it names them. Two ways of choosing the 10%:
the workbench's (tag the texts the model is least sure of, 10 at a time, starting from the
theme names alone) and a random 10%. The model's themes for every untagged text are compared
with the labels: macro-F1 and Cohen's kappa over themes (app/analysis/theming/agreement.py).

    .venv/bin/python bench/themes_quality.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.analysis.theming import agreement, mapping  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "support" / "theme_corpus"
SHARE = 0.10
BATCH = 10


def load(name: str):
    data = yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
    texts = [t["text"] for t in data["texts"]]
    return texts, [set(t["themes"]) for t in data["texts"]], dict(data["themes"])


def score(name: str, choose: str, seed: int = 0) -> agreement.Agreement:
    texts, truth, themes = load(name)
    found = mapping.features(texts)
    budget = round(SHARE * len(texts))
    tagged: dict[int, set[str]] = {}
    if choose == "random":
        order = list(range(len(texts)))
        random.Random(seed).shuffle(order)
        tagged = {i: truth[i] for i in order[:budget]}
    while len(tagged) < budget:
        queue = mapping.map_texts(found, len(texts), themes, tagged, queue=BATCH).unsure
        tagged |= {i: truth[i] for i in queue[:budget - len(tagged)]}
    mapped = mapping.map_texts(found, len(texts), themes, tagged)
    predicted = {i: set(mapped.themes[i]) for i in mapped.by_model}
    return agreement.agreement(predicted, {i: truth[i] for i in predicted}, list(themes))


def main() -> None:
    for name in ("consultation", "ics"):
        for choose in ("least sure first", "random"):
            found = score(name, choose)
            print(f"{name:13} {choose:17} tagged {SHARE:.0%}: macro-F1 {found.macro_f1:.3f}, "
                  f"kappa {found.macro_kappa:.3f} over {found.texts} untagged texts")


if __name__ == "__main__":
    main()

"""Speed of duplicate grouping (app/analysis/theming/duplicates.py) on a campaign-sized input.

    python bench/duplicates_speed.py

50,000 texts of 10-80 words from a fixed vocabulary: 3,000 are copies of one 60-word template
(a third verbatim but for case and punctuation, the rest with one or two words changed, so
each is at Jaccard >= 0.8 of the template), scattered through 47,000 distinct texts. Built with
random.Random(7), so every run times the same input. Prints the elapsed time, the number of
groups and the largest group's size (3,000 and 47,001 groups when every copy is found).
"""

from __future__ import annotations

import random
import resource
import sys
import time
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.analysis.theming.duplicates import group_duplicates  # noqa: E402

TEXTS, COPIES, TEMPLATE_WORDS = 50_000, 3_000, 60
VOCABULARY = ["".join(p) for p in product(("st", "ca", "wo", "re", "pa", "ti", "nu", "le"),
                                          ("ff", "re", "rk", "nt", "ss", "lo", "ad", "ing"),
                                          ("", "s", "ed", "er", "ly"))]  # 320 words


def dataset(rng: random.Random) -> list[str]:
    template = rng.choices(VOCABULARY, k=TEMPLATE_WORDS)
    copies = []
    for i in range(COPIES):
        words = list(template)
        if i % 3:
            for position in rng.sample(range(TEMPLATE_WORDS), i % 3):
                words[position] = rng.choice(VOCABULARY)
        text = " ".join(words)
        copies.append(text.capitalize() + "." if i % 2 else text.upper() + "!!")
    distinct = [" ".join(rng.choices(VOCABULARY, k=rng.randint(10, 80)))
                for _ in range(TEXTS - COPIES)]
    texts = copies + distinct
    rng.shuffle(texts)
    return texts


def main() -> None:
    texts = dataset(random.Random(7))
    start = time.perf_counter()
    groups = group_duplicates(texts)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} texts: {elapsed:.2f} s, {len(groups)} groups, "
          f"largest {max(g.size for g in groups)}, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()

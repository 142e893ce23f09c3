"""Theme speed at national scale (issue 20): 50,000 consultation answers themed on 2 cores, and
mapping every untagged answer again after one more tag, against quality-bars' limits
(2 minutes and 1 GB for the themes, 5 seconds for the mapping). Medians of RUNS.

The answers are made from the labelled consultation set (tests/support/theme_corpus/): each
joins parts of two labelled answers with a few words of its own, and 4,000 are one campaign
paragraph with small edits, as a real national consultation gets.

    .venv/bin/python bench/themes_speed.py
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:2])

import yaml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.analysis.theming import discover, mapping  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "support" / "theme_corpus"
COUNT = int(os.environ.get("THEMES_BENCH_COUNT", "50000"))
RUNS = int(os.environ.get("THEMES_BENCH_RUNS", "3"))
LIMITS = {"themes_seconds": 120, "peak_mb": 1024, "remap_seconds": 5}
EXTRA = ("honestly", "in my trust", "as a nurse", "on our ward", "to be fair", "please",
         "every year", "for years now", "in the community", "at night")


def answers(count: int, seed: int = 11) -> tuple[list[str], list[set[str]], dict[str, str]]:
    data = yaml.safe_load((CORPUS / "consultation.yaml").read_text(encoding="utf-8"))
    labelled, campaign = data["texts"], data["campaign"][0]["text"]
    rng = random.Random(seed)
    texts, truth = [], []
    for n in range(count):
        if n % 12 == 5:
            words = campaign.split()
            words[rng.randrange(len(words))] = rng.choice(EXTRA)
            texts.append(" ".join(words))
            truth.append({"workload"})
            continue
        a, b = rng.choice(labelled), rng.choice(labelled)
        first, second = a["text"].split(), b["text"].split()
        text = first[:max(4, len(first) * 2 // 3)] + [rng.choice(EXTRA)] + \
            second[len(second) // 2:]
        texts.append(" ".join(text))
        truth.append(set(a["themes"]) | set(b["themes"]))
    return texts, truth, dict(data["themes"])


def main() -> None:
    texts, truth, themes = answers(COUNT)
    found_times, remap_times = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        found = discover.discover(texts)
        found_times.append(time.perf_counter() - started)
    vectors = mapping.features(texts)
    tagged = {i: truth[i] for i in range(0, COUNT, 40)}  # 2.5% tagged
    for n in range(RUNS):
        tagged[COUNT - 1 - n] = truth[COUNT - 1 - n]  # one more tag, then map again
        started = time.perf_counter()
        mapping.map_texts(vectors, COUNT, themes, tagged)
        remap_times.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"themes_seconds": statistics.median(found_times), "peak_mb": peak_mb,
               "remap_seconds": statistics.median(remap_times)}
    print(f"{COUNT:,} answers, {found.k} themes, {len(found.groups):,} after grouping "
          f"duplicates, on {len(os.sched_getaffinity(0))} cores")
    for name, value in figures.items():
        verdict = "meets" if value <= LIMITS[name] else "MISSES"
        print(f"{name:15} {value:8.1f} (limit {LIMITS[name]}): {verdict}")


if __name__ == "__main__":
    main()

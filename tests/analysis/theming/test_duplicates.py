"""Grouping identical and near-identical texts before themes are found
(app/analysis/theming/duplicates.py)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from app.analysis.theming.duplicates import Group, group_duplicates, normalise

ROOT = Path(__file__).resolve().parents[3]

TEMPLATE = (
    "As a member of the union I am writing to say that the proposed changes to rotas would "
    "leave wards without enough nurses at night, that staff are already working unpaid "
    "overtime to cover gaps, that breaks are missed on most shifts, and that the trust must "
    "fund safe staffing levels, protect rest periods, pay for every hour worked and consult "
    "properly with staff before any change is made to how shifts are planned across sites"
)


def jaccard(a: str, b: str) -> float:
    """Word 3-gram shingles, computed independently of the module."""
    def shingles(text: str) -> set[tuple[str, ...]]:
        w = normalise(text).split()
        return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y)


def edit(text: str, changes: dict[int, str]) -> str:
    words = text.split()
    for position, word in changes.items():
        words[position] = word
    return " ".join(words)


def as_tuples(groups: list[Group]) -> list[tuple[int, ...]]:
    return [g.members for g in groups]


def test_normalise():
    assert normalise("  Staff   NEED\tmore\nbreaks!!! ") == "staff need more breaks"
    assert normalise("ﬁnance — “on‑call” rota; ＦＵＬＬ-time") == "finance on call rota full time"
    assert normalise("don't") == "don t"
    assert normalise(" ... \t ") == ""


def test_exact_duplicates_differing_in_case_punctuation_and_spacing_group():
    texts = ["Staff need more breaks.", "staff NEED more   breaks", "Car parking costs too much",
             "STAFF need more breaks!!!", "staff, need; more: breaks"]
    groups = group_duplicates(texts)
    assert as_tuples(groups) == [(0, 1, 3, 4), (2,)]
    assert [(g.representative, g.size) for g in groups] == [(0, 4), (2, 1)]


def test_a_template_with_a_couple_of_words_changed_groups_with_it():
    copy = edit(TEMPLATE, {10: "plans", 40: "nearly"})
    assert 0.8 <= jaccard(TEMPLATE, copy) < 1
    assert as_tuples(group_duplicates([TEMPLATE, copy])) == [(0, 1)]
    assert as_tuples(group_duplicates([TEMPLATE, copy], threshold=0.95)) == [(0,), (1,)]


def test_near_duplicates_join_transitively():
    # Each copy is close to the template but the two copies are not close to each other.
    first = edit(TEMPLATE, {3: "part", 10: "the"})
    last = edit(TEMPLATE, {-4: "schemes", -12: "to"})
    assert jaccard(first, TEMPLATE) >= 0.8 and jaccard(last, TEMPLATE) >= 0.8
    assert jaccard(first, last) < 0.8
    assert as_tuples(group_duplicates([first, last])) == [(0,), (1,)]
    assert as_tuples(group_duplicates([first, last, TEMPLATE])) == [(0, 1, 2)]


def test_different_texts_on_the_same_subject_do_not_group():
    texts = [
        "Night shifts are understaffed and nurses on the wards cannot take their breaks",
        "We cannot take breaks on night shifts because the wards are understaffed with nurses",
        "Nurses on the wards are understaffed at night, and their breaks get cancelled",
    ]
    assert as_tuples(group_duplicates(texts)) == [(0,), (1,), (2,)]


def test_short_texts_group_only_when_identical():
    texts = ["Staff shortage", "staff shortages", "STAFF SHORTAGE.", "shortage staff", "Pay"]
    assert as_tuples(group_duplicates(texts)) == [(0, 2), (1,), (3,), (4,)]


def test_empty_texts_form_one_group_of_their_own():
    texts = ["", "Better pay for bank staff", "   ", "\t\n", "...", "Better pay for bank staff"]
    assert as_tuples(group_duplicates(texts)) == [(0, 2, 3, 4), (1, 5)]
    assert as_tuples(group_duplicates(["", "Better pay"])) == [(0,), (1,)]
    assert group_duplicates([]) == []


def test_every_index_once_groups_ordered_by_their_first_member():
    texts = ["beta gamma delta", "alpha text here", "Beta, gamma delta", "ALPHA text here",
             "something else", "beta gamma delta"]
    groups = group_duplicates(texts)
    assert groups == [Group(0, (0, 2, 5)), Group(1, (1, 3)), Group(4, (4,))]
    assert sorted(i for g in groups for i in g.members) == list(range(len(texts)))
    for g in groups:
        assert g.representative == g.members[0] and list(g.members) == sorted(g.members)


def test_a_campaign_among_distinct_texts():
    rng = random.Random(11)
    vocabulary = [f"w{i}" for i in range(400)]
    words = TEMPLATE.split()
    copies = [TEMPLATE.upper()] + [
        edit(TEMPLATE, {p: rng.choice(vocabulary) for p in rng.sample(range(len(words)), 1)})
        for _ in range(199)]
    distinct = [" ".join(rng.choices(vocabulary, k=rng.randint(10, 60))) for _ in range(300)]
    texts = copies + distinct
    rng.shuffle(texts)
    groups = group_duplicates(texts)
    assert sorted(g.size for g in groups)[-2:] == [1, 200]
    assert len(groups) == 301


def test_the_threshold_must_be_a_share():
    for threshold in (0, -0.5, 1.5, float("nan")):
        with pytest.raises(ValueError):
            group_duplicates(["a b c"], threshold=threshold)


# Loads the module from its file: it needs nothing of the app (and the app is slow to import).
SCRIPT = """
import importlib.util, random, sys
spec = importlib.util.spec_from_file_location("duplicates", "app/analysis/theming/duplicates.py")
module = sys.modules["duplicates"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
group_duplicates = module.group_duplicates
rng = random.Random(5)
base = [" ".join(rng.choices([f"w{i}" for i in range(60)], k=30)) for _ in range(40)]
texts = base + [t.replace("w1 ", "w2 ", 1) for t in base] + ["", " "]
print(repr(group_duplicates(texts)))
"""


def test_the_same_input_gives_the_same_groups_in_every_process():
    local: dict = {}
    exec(SCRIPT.replace("print(repr(", "result = (("), local)  # noqa: S102 - our own fixed script
    assert repr(group_duplicates(local["texts"])) == repr(local["result"])
    assert any(g.size > 1 for g in local["result"])
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                             check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        assert out.stdout.strip() == repr(local["result"])

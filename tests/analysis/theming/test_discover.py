"""Finding themes (app/analysis/theming/discover.py): the same texts give byte-identical themes,
duplicates are grouped and counted, texts with nothing to theme are set aside with the reason,
and too few texts get a message saying how many are needed."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from app.analysis.theming import discover
from tests.support.themes import labelled, texts


def _as_json(found: discover.Discovery) -> str:
    return json.dumps(asdict(found), sort_keys=True, default=list)


def test_the_same_texts_give_byte_identical_themes():
    corpus = texts("consultation")
    first, again = discover.discover(corpus), discover.discover(list(corpus))
    assert _as_json(first) == _as_json(again)
    assert 3 <= first.k <= 12 and first.stability[first.k] == max(first.stability.values())


def test_themes_have_terms_examples_and_members_that_are_real_texts():
    corpus = texts("ics")
    found = discover.discover(corpus)
    for theme in found.themes:
        assert theme.terms and theme.label == ", ".join(theme.terms[:3])
        assert set(theme.examples) <= set(theme.members)
        # an example carries at least one of the theme's words or pairs
        assert any(any(term.split()[0] in corpus[i].lower() for term in theme.terms)
                   for i in theme.examples)
    themed = {i for t in found.themes for i in t.members}
    assert len(themed) >= 0.8 * len(corpus)


def test_a_campaign_is_grouped_once_and_every_copy_counted():
    data = labelled("consultation")
    campaign = data["campaign"][0]["text"]
    corpus = texts("consultation") + [campaign] * 300 + [campaign.upper() + "!!"] * 20
    found = discover.discover(corpus)
    [group] = [g for g in found.groups if g.size > 300]
    assert group.size == 320 and group.representative == len(texts("consultation"))
    in_themes = [t for t in found.themes if group.representative in t.members]
    assert in_themes and all(set(group.members) <= set(t.members) for t in in_themes)


def test_texts_with_nothing_to_theme_are_set_aside_with_the_reason():
    corpus = texts("consultation")[:60] + ["", "   ", "n/a", "No", "?", "workload",
                                          "Mae angen mwy o staff ar y wardiau nos yn ein ysbyty",
                                          "\U0001f600\U0001f600\U0001f600"]
    found = discover.discover(corpus)
    assert set(found.skipped["empty"]) == {60, 61, 62, 64, 67}  # "n/a" has no word
    assert set(found.skipped["short"]) == {63, 65}
    assert found.skipped["language"] == (66,)
    assert all(i not in t.members for t in found.themes for i in range(60, 68))


@pytest.mark.parametrize("corpus", [
    [], ["workload"] * 50, ["Too much work and not enough staff on the wards"] * 40,
    [f"text number {n}" for n in range(10)]])
def test_too_few_texts_says_how_many_are_needed(corpus):
    with pytest.raises(discover.NotEnoughTexts) as refused:
        discover.discover(corpus)
    assert "needs at least" in str(refused.value)

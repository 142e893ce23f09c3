"""Mapping texts to the analyst's themes (app/analysis/theming/mapping.py): tags win, names alone
map clear texts, the queue offers the least sure untagged texts, the same input gives the same
result, and the quality after tagging 10% of a labelled set."""

from __future__ import annotations

import random

from app.analysis.theming import agreement, mapping
from tests.support.themes import labelled, texts

FOOD = "Hot food and rest"
ROTA = "Rotas and flexible working"


def _corpus():
    food = ["No hot food for night staff", "The canteen shuts at 7pm", "Rest rooms are cramped",
            "Nowhere to heat a meal on the late shift", "Vending machines are always empty"]
    rota = ["Rotas come out two days before", "Self-rostering would help parents",
            "Shift patterns are changed at short notice", "Flexible working requests refused",
            "Annualised hours would suit part-time staff"]
    return food + rota


def test_the_analysts_tags_win_and_theme_names_map_clear_texts():
    corpus = _corpus()
    found = mapping.features(corpus)
    themes = {"1": FOOD, "2": ROTA}
    named = mapping.map_texts(found, len(corpus), themes, {})  # no tag yet: the names alone
    assert "1" in named.themes[0] and named.themes[5] == ("2",)
    mapped = mapping.map_texts(found, len(corpus), themes, {0: {"2"}, 5: set()})
    assert mapped.themes[0] == ("2",) and mapped.themes[5] == ()  # as tagged, right or wrong
    assert 0 not in mapped.by_model and 5 not in mapped.by_model
    assert set(mapped.unsure) <= mapped.by_model and len(mapped.unsure) == 8


def test_the_same_input_gives_the_same_mapping():
    corpus = texts("ics")
    themes = dict(labelled("ics")["themes"])
    truth = [set(t["themes"]) for t in labelled("ics")["texts"]]
    tagged = {i: truth[i] for i in range(0, len(corpus), 9)}
    one = mapping.map_texts(mapping.features(corpus), len(corpus), themes, tagged)
    two = mapping.map_texts(mapping.features(list(corpus)), len(corpus), themes, dict(tagged))
    assert one == two


def _after_tagging_a_tenth(name: str) -> float:
    data = labelled(name)
    corpus, truth = texts(name), [set(t["themes"]) for t in data["texts"]]
    themes = dict(data["themes"])
    found = mapping.features(corpus)
    budget = round(0.1 * len(corpus))
    tagged: dict[int, set[str]] = {}
    while len(tagged) < budget:  # as the workbench offers them: the least sure first
        queue = mapping.map_texts(found, len(corpus), themes, tagged, queue=10).unsure
        tagged |= {i: truth[i] for i in queue[:budget - len(tagged)]}
    mapped = mapping.map_texts(found, len(corpus), themes, tagged)
    predicted = {i: set(mapped.themes[i]) for i in mapped.by_model}
    return agreement.agreement(predicted, {i: truth[i] for i in predicted},
                               list(themes)).macro_f1


def test_quality_after_the_analyst_tags_a_tenth():
    """Measured by bench/themes_quality.py: about 0.59 on the consultation set and 0.64 on the
    ICS set, under issue 20's 0.74 (docs/themes.md says what was tried). This floor catches a
    change that makes it worse; a random guess scores about 0.2."""
    assert _after_tagging_a_tenth("consultation") >= 0.5
    assert _after_tagging_a_tenth("ics") >= 0.45


def test_a_random_tenth_also_teaches_it():
    data = labelled("consultation")
    corpus, truth = texts("consultation"), [set(t["themes"]) for t in data["texts"]]
    order = list(range(len(corpus)))
    random.Random(3).shuffle(order)
    tagged = {i: truth[i] for i in order[:len(corpus) // 10]}
    mapped = mapping.map_texts(mapping.features(corpus), len(corpus), dict(data["themes"]),
                               tagged)
    predicted = {i: set(mapped.themes[i]) for i in mapped.by_model}
    found = agreement.agreement(predicted, {i: truth[i] for i in predicted},
                                list(data["themes"]))
    assert found.macro_f1 >= 0.45

"""Themes (app/analysis/themes.py): an ICS's texts, and matching words in order. The analyst
tags' pages: tests/views/ics/."""

from __future__ import annotations

from app.analysis import ics, themes


def test_texts_of_a_compilation_are_its_gaps_and_actions_with_their_organisations(hand_built,
                                                                                 system):
    texts = themes.texts_of(ics.compile_system(system))
    assert len(texts) == 5
    assert {(t.org.name, t.kind) for t in texts} == {
        ("Alpha Trust", "gaps"), ("Beta Trust", "gaps"), ("Gamma Practice", "gaps"),
        ("Beta Trust", "action"), ("Gamma Practice", "action")}
    assert [o.name for o in themes.organisations_of(texts)] == [
        "Alpha Trust", "Beta Trust", "Gamma Practice"]


def test_matching_finds_words_in_order():
    assert themes.tokens("Night-staff's rotas") == ["night-staff", "rota"]
    assert themes.matching([], "x") == []

"""Themes (app/analysis/themes.py): key phrases counted by organisation, and matching words in
order. The analyst tags' pages: tests/views/ics/."""

from __future__ import annotations

from app.analysis import ics, themes


def test_phrases_split_at_stop_words_and_punctuation_and_make_plurals_singular():
    found = themes.phrases("No hot food for night shifts; the rest rooms.")
    assert {"hot food", "night shift", "rest room", "hot", "food"} <= found
    assert not any(w in p.split() for p in found for w in ("no", "for", "the"))
    assert "food night" not in found  # "for" breaks the run
    assert "shift rest" not in found  # so does the semicolon
    assert themes.phrases("") == set()


def test_key_phrases_count_organisations_and_drop_covered_phrases(hand_built, system):
    comp = ics.compile_system(system)
    texts = themes.texts_of(comp)
    assert len(texts) == 5
    found = {t.name: t for t in themes.key_phrases(texts)}
    assert [o.name for o in found["night staff"].organisations] == [
        "Alpha Trust", "Beta Trust", "Gamma Practice"]
    assert [o.name for o in found["weekend clinic"].organisations] == [
        "Beta Trust", "Gamma Practice"]
    # "night" and "staff" came from exactly the organisations "night staff" came from
    assert "night" not in found and "staff" not in found
    ranked = themes.key_phrases(texts)
    assert ranked[0].name == "night staff"
    assert all(len(t.organisations) >= 2 for t in ranked)


def test_matching_finds_words_in_order():
    assert themes.tokens("Night-staff's rotas") == ["night-staff", "rota"]
    assert themes.matching([], "x") == []

"""The map from NHS Staff Survey theme to framework element: the nine themes as the survey names
them, each informing elements that exist in the 2021 diagnostic, every element informed."""

from __future__ import annotations

from app.national_survey import THEMES, theme_named, themes_for
from app.surveys import load_dir
from tests.support.paths import SURVEY_DEFS


def test_the_nine_themes_as_the_nhs_staff_survey_names_them():
    assert [t.name for t in THEMES] == [
        "We are compassionate and inclusive", "We are recognised and rewarded",
        "We each have a voice that counts", "We are safe and healthy",
        "We are always learning", "We work flexibly", "We are a team", "Staff engagement",
        "Morale"]


def test_each_theme_informs_elements_of_the_diagnostic_and_every_element_has_one():
    diagnostic = load_dir(SURVEY_DEFS).surveys["hwb_diagnostic"]
    elements = {element.id for element in diagnostic.elements}
    assert all(t.elements and set(t.elements) <= elements for t in THEMES)
    assert {e for t in THEMES for e in t.elements} == elements


def test_safe_and_healthy_informs_personal_health_and_professional_support():
    assert theme_named("We are safe and healthy") in themes_for("improving_personal_health")
    assert theme_named("We are safe and healthy") in themes_for(
        "professional_wellbeing_support")


def test_a_theme_is_named_in_any_case_and_spacing_and_nothing_else():
    assert theme_named("  we ARE   a team ").key == "we_are_a_team"
    assert theme_named("We are a team!") is None
    assert theme_named("we_are_a_team") is None

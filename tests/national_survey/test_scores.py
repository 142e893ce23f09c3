"""Stored theme scores read back: for an element, the organisation's latest imported year of the
themes that inform it, each with its benchmark; and the list of what has been imported."""

from __future__ import annotations

from app.extensions import db
from app.national_survey import imported_years, parse, scores_for, store

HEADER = "organisation code,year,theme,score,benchmark-group median\n"


def given(text: str) -> None:
    store(parse((HEADER + text).encode(), 2026), "tester")
    db.session.commit()


def test_an_element_shows_its_themes_from_the_latest_year(orgs):
    given("RA1,2024,We are safe and healthy,5.5,6.0\n"
          "RA1,2025,Morale,6.05,6.2\n"
          "RA1,2025,We are safe and healthy,5.9,6.1\n"
          "RA1,2025,We are recognised and rewarded,6,6.3\n"
          "RB2,2025,We are safe and healthy,7.1,6.1\n")
    assert [str(s) for s in scores_for(orgs[0], "improving_personal_health")] == [
        "We are safe and healthy: 5.9 (benchmark group median 6.1), NHS Staff Survey 2025",
        "Morale: 6.05 (benchmark group median 6.2), NHS Staff Survey 2025"]
    assert [str(s) for s in scores_for(orgs[0], "data_insights")] == []
    assert [str(s) for s in scores_for(orgs[1], "environment")] == [
        "We are safe and healthy: 7.1 (benchmark group median 6.1), NHS Staff Survey 2025"]


def test_the_latest_year_is_the_organisations_latest_import(orgs):
    given("RA1,2024,We are safe and healthy,5.5,6.0\nRA1,2025,Morale,6.0,6.2\n")
    assert scores_for(orgs[0], "environment") == []
    assert [s.year for s in scores_for(orgs[0], "fulfilment_at_work")] == [2025]


def test_nothing_for_an_organisation_without_scores_or_an_unknown_element(orgs):
    given("RA1,2025,We are safe and healthy,5.9,6.1\n")
    assert scores_for(orgs[1], "environment") == []
    assert scores_for(orgs[0], "leadership_and_management") == []  # the 2018 framework's


def test_what_has_been_imported_by_organisation_and_year(orgs):
    given("RB2,2025,Morale,7,6\nRA1,2024,Morale,5,5\nRA1,2025,Morale,6,6\n"
          "RA1,2025,We work flexibly,6,6\n")
    assert [(i.organisation.code, i.year, i.themes) for i in imported_years()] == [
        ("RB2", 2025, 1), ("RA1", 2025, 2), ("RA1", 2024, 1)]

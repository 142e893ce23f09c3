"""The diagnostic element page shows the organisation's NHS Staff Survey theme scores for that
element beside what staff told us, with the benchmark group's median and the survey year."""

from __future__ import annotations

from app.extensions import db
from app.national_survey import parse, store

HEADER = "organisation code,year,theme,score,benchmark-group median\n"


def given(text: str) -> None:
    store(parse((HEADER + text).encode(), 2026), "tester")
    db.session.commit()


def element_page(client, assessment, element_id: str) -> str:
    response = client.get(f"/diagnostic/a/{assessment.id}/element/{element_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_element_shows_its_themes_with_the_benchmark(client_for, assessment):
    given("RA1,2024,We are safe and healthy,5.2,6.0\n"
          "RA1,2025,We are safe and healthy,5.9,6.1\n"
          "RA1,2025,We each have a voice that counts,6.6,6.7\n"
          "RB2,2025,We are safe and healthy,7.3,6.1\n")
    client, _user = client_for("org_lead", org=assessment.organisation)
    page = element_page(client, assessment, "professional_wellbeing_support")
    assert "NHS Staff Survey</h4>" in page
    scores = page.split('id="national-survey-scores"')[1].split("</ul>")[0]
    assert ("<li>We are safe and healthy: 5.9 (benchmark group median 6.1), NHS Staff Survey "
            "2025</li>") in scores
    assert "5.2" not in scores and "7.3" not in scores and "voice" not in scores
    assert page.index('id="staff-voice"') < page.index('id="national-survey"')


def test_nothing_is_shown_without_scores_for_the_element(client_for, assessment):
    given("RA1,2025,We are recognised and rewarded,6.0,6.1\n")
    client, _user = client_for("org_lead", org=assessment.organisation)
    assert "national-survey" not in element_page(client, assessment, "environment")
    assert "national-survey" in element_page(client, assessment, "fulfilment_at_work")

"""The organisation question through a consultation's pages: it offers its system's
organisations and "My organisation is not listed" last; a value not on the list re-shows the
page with the error summary and every answer kept; "not listed" is shown in words on check
your answers and the closed page, and stored as `not-listed`."""

from __future__ import annotations

import html as html_text
import logging
import re

import pytest
from sqlalchemy import select

from app import consultations as c
from app.definitions import get_survey
from app.extensions import db
from app.models import ConsultationResponse
from app.runner import answers_for
from app.runner.organisations import organisations_for
from app.surveys import load_text
from tests.support.dbutil import count
from tests.support.question_probe import (
    ELSEWHERE,
    PROBE,
    PROBE_ID,
    QZ9_ORGANISATIONS,
    add_organisations,
    use_probe,
)

NOT_LISTED = "My organisation is not listed"
SCALE = {"feelings-valued": "agree", "feelings-workload": "neither"}


@pytest.fixture
def probe(app, client, tmp_path):
    """The probe's address, its scale page answered, system QZ9's organisations stored."""
    base = use_probe(app, tmp_path / "defs")
    add_organisations()
    assert client.post(f"{base}/questions/scale", data=SCALE).status_code == 302
    return base


def _options(html: str) -> list[tuple[str, str]]:
    select_html = re.search(r'<select[^>]*name="employer".*?</select>', html, re.S).group(0)
    return [(v, html_text.unescape(text.strip())) for v, text in
            re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select_html)]


def test_it_offers_its_systems_organisations_by_name_then_not_listed(client, probe):
    html = client.get(f"{probe}/questions/where").get_data(as_text=True)
    by_name = sorted(QZ9_ORGANISATIONS.items(), key=lambda pair: pair[1])
    assert _options(html) == [("", "Choose one"), *by_name, ("not-listed", NOT_LISTED)]
    assert ELSEWHERE[1] not in html
    assert "accessible-autocomplete.min.css" in html  # the search box's styles, on this page


def test_a_value_not_on_the_list_shows_the_error_summary_and_keeps_every_answer(client, probe):
    response = client.post(f"{probe}/questions/where",
                           data={"employer": ELSEWHERE[0], "employer_other": "Zephyr Annexe"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "nhsuk-error-summary" in html and "There is a problem" in html
    assert ("Select an answer from the list for &#39;Which organisation do you work for?&#39;"
            in html)
    assert 'value="Zephyr Annexe"' in html
    # The scale page's answers are still there too.
    check = client.get(f"{probe}/check-your-answers")
    assert check.status_code == 302 and check.location.endswith("/questions/where")
    html = client.get(f"{probe}/questions/scale").get_data(as_text=True)
    assert re.search(r'value="agree"\s+checked', html) or 'value="agree" checked' in html


def test_not_listed_is_shown_in_words_and_stored_as_not_listed(client, probe):
    response = client.post(f"{probe}/questions/where",
                           data={"employer": "not-listed", "employer_other": "Northvale Hospice"})
    assert response.status_code == 302
    html = client.get(f"{probe}/check-your-answers").get_data(as_text=True)
    assert NOT_LISTED in html and "Northvale Hospice" in html and ">not-listed<" not in html
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    client.post(f"{probe}/check-your-answers", data={"submission_key": key})
    response = db.session.scalars(select(ConsultationResponse)).one()
    assert answers_for([response.response_id])[response.response_id] == {
        "feelings.valued": "agree", "feelings.workload": "neither",
        "employer": "not-listed", "employer_other": "Northvale Hospice"}


def test_the_closed_page_shows_not_listed_in_words(client, probe):
    c.close_now(get_survey(PROBE_ID), reason="Closed early")
    db.session.commit()
    html = client.post(f"{probe}/questions/where",
                       data={"employer": "not-listed"}).get_data(as_text=True)
    assert "closed" in html and NOT_LISTED in html
    assert count("responses") == 0


def _probe(system_line: str):
    return load_text(PROBE.replace("system: QZ9", system_line), "defs/probe.yaml").survey


def test_the_runner_is_given_only_the_systems_the_questions_name(app, caplog):
    add_organisations()
    by_name = sorted([*((code, name, "QZ9") for code, name in QZ9_ORGANISATIONS.items()),
                      (*ELSEWHERE, "QY1")], key=lambda org: org[1])
    assert organisations_for(_probe("system: QZ9")) == [o for o in by_name if o[2] == "QZ9"]
    assert organisations_for(_probe("optional: false")) == by_name  # no system: every one
    with caplog.at_level(logging.WARNING):
        assert organisations_for(_probe("system: QX0")) == []
    assert "system QX0 has no organisations in the database" in caplog.text

"""Every public page in Welsh (issue 22): the consultation hub, a consultation's page and its
questionnaire (with its error messages), the accessibility statement, the privacy notice and the
error pages. Each page is fetched in English and in Welsh, and no sentence of the English page
may stand unchanged on the Welsh one, except names (people, teams, places, addresses)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask_babel import refresh
from freezegun import freeze_time
from sqlalchemy import select

from app.definitions import get_survey
from app.extensions import db
from app.forms.survey import page_form_class
from app.models import ConsultationResponse
from tests.support.i18n_pages import sentences
from tests.support.survey_yaml import load, with_questions

OFFER = "ics_wellbeing_offer"  # the consultation with a Welsh translation
OPEN_DAY = "2026-12-01 10:00:00"  # inside its schedule


@pytest.fixture(autouse=True)
def welsh_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGES", "cy en-easy")


@pytest.fixture
def open_clock():
    with freeze_time(OPEN_DAY):
        yield


def _names() -> set[str]:
    """What stays as it is in any language: the team's name, addresses, the language names."""
    survey = get_survey(OFFER, kind="consultation")
    contact = survey.contact
    return {contact.name, contact.email, contact.phone, "Easy Read"}


def _untranslated(client, path: str, post: dict | None = None) -> list[str]:
    def fetch(lang: str):
        where = f"{path}?lang={lang}"
        return client.get(where) if post is None else client.post(where, data=post)

    english_text = sentences(fetch("en").text)
    welsh = fetch("cy")
    assert '<html lang="cy"' in welsh.text, path
    names = _names()
    return sorted(t for t in english_text & sentences(welsh.text)
                  if not any(n and n in t for n in names))


def test_the_hub_consultation_statement_privacy_and_errors_are_welsh(client, open_clock):
    for path in ("/consultations/", f"/consultations/{OFFER}/", "/accessibility", "/privacy",
                 "/no-such-page", "/consultations/no-such-consultation/"):
        assert _untranslated(client, path) == [], path


def test_the_questionnaire_and_its_messages_are_welsh(client, open_clock):
    start = client.get(f"/consultations/{OFFER}/start?lang=cy", follow_redirects=True)
    assert "Pa un sy'n eich disgrifio orau?" in unescape(start.text)  # the definition's own Welsh
    page = f"/consultations/{OFFER}/questions/about_you"
    empty: dict = {}  # (CSRF is off in tests)
    assert _untranslated(client, page, post=empty) == []
    client.get(f"{page}?lang=cy")
    wrong = client.post(page, data=empty)
    assert wrong.status_code == 422 and "Mae problem" in wrong.text
    assert "Dewiswch pa un sy'n eich disgrifio orau" in unescape(wrong.text)  # the worded error
    sent = {"respondent_type": "staff",
            "organisation_type": "acute_trust"}
    assert client.post(page, data=sent).status_code == 302
    offer = f"/consultations/{OFFER}/questions/the_offer"
    assert _untranslated(client, offer, post={}) == []
    client.get(f"{offer}?lang=cy")
    typed = client.post(offer, data={"aware_of_offer": "yes",
                                     "what_should_change": "x" * 1600})
    # The type's own message, worded in Welsh from the catalogue.
    assert "Rhaid i'r ateb fod yn 1500 nod neu lai" in unescape(typed.text)
    assert "x" * 1600 in typed.text  # and nothing lost


def test_a_welsh_response_is_stored_as_the_same_values(client, open_clock):
    client.get(f"/consultations/{OFFER}/?lang=cy")
    answers = {"about_you": {"respondent_type": "staff"},
               "the_offer": {"aware_of_offer": "yes", "offer_meets_needs": "agree"},
               "publishing": {"publish_consent": "do_not_publish"}}
    for page, given in answers.items():
        path = f"/consultations/{OFFER}/questions/{page}"
        assert client.post(path, data=given
                           ).status_code == 302
    check = f"/consultations/{OFFER}/check-your-answers"
    page = client.get(check).text
    assert "Cytuno" in page  # shown in Welsh
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    done = client.post(check, data={"submission_key": key},
                       follow_redirects=True)
    assert "Diolch am eich ymateb" in done.text
    stored = db.session.scalars(select(ConsultationResponse).filter_by(survey_id=OFFER)).one()
    assert stored.respondent_type == "staff"
    assert _untranslated(client, f"/consultations/{OFFER}/confirmation") == []


def test_a_consultation_without_welsh_stays_english_and_is_marked_so(client, open_clock):
    hub = client.get("/consultations/?lang=cy").text
    assert re.search(r'<a href="/consultations/framework_review/" lang="en">', hub)
    assert re.search(rf'<a href="/consultations/{OFFER}/" lang="cy">Ein cynnig llesiant', hub)
    review = client.get("/consultations/framework_review/").text  # the cookie says Welsh
    assert '<html lang="en"' in review and 'class="app-language"' not in review


def test_each_type_words_its_own_messages_in_the_page_language(app):
    survey = load(with_questions(
        "- {id: count, type: number, label: 'How many?', min: 1}\n"
        "- {id: when, type: date, label: 'When did it start?'}\n"
        "- {id: note, type: text, label: 'Anything else?', max_length: 5}\n")).survey
    page = survey.pages[0]
    sent = {"count": "lots", "when-day": "31", "when-month": "2", "when-year": "2026",
            "note": "far too long"}

    def errors(lang: str) -> dict:
        with app.test_request_context(f"/consultations/?lang={lang}", method="POST", data=sent):
            refresh()  # (the test's app context, and its g, outlives each request here)
            form = page_form_class(page)()
            assert not form.validate_page(page.questions)
            return {name: form[name].errors for name in ("count", "when", "note")}

    assert errors("en") == {"count": ["Enter a whole number, like 12"],
                            "when": ["Date must be a real date, like 28 2 2020"],
                            "note": ["Answer must be 5 characters or fewer"]}
    assert errors("cy") == {"count": ["Rhowch rif cyfan, fel 12"],
                            "when": ["Rhaid i'r dyddiad fod yn ddyddiad go iawn, fel 28 2 2020"],
                            "note": ["Rhaid i'r ateb fod yn 5 nod neu lai"]}
    with app.test_request_context("/consultations/?lang=cy", method="POST",
                                  data={"count": "0"}):
        refresh()
        form = page_form_class(page)()
        form.validate_page(page.questions)
        assert form["count"].errors == ["Rhaid i'r rhif fod yn 1 neu fwy"]
        assert form["when"].errors == ["Rhowch ddyddiad"]  # "When did it start?" turned round

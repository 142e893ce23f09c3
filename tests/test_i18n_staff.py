"""The Bands 2-4 staff-voice survey in Welsh, Polish and Romanian (issue 22): each page it shows
(start, questions, an error, check your answers, thank you, outside the audience, an unknown
short address) is fetched in English and in the language, and no sentence of the English page
may stand unchanged on the other. Polish and Romanian cover only these pages: elsewhere they are
not offered."""

from __future__ import annotations

from html import unescape

import pytest

from app import i18n
from app.definitions import get_survey
from app.extensions import db
from tests.support.i18n_pages import sentences
from tests.support.staff_voice import fill_pages, open_wave, submit

# A sentence of the survey's own, from its definition, in each language.
OWN_WORDS = {"cy": "Beth yw eich band cyflog?", "pl": "Jakie jest Twoje pasmo wynagrodzenia",
             "ro": "Banda 3"}


@pytest.fixture(autouse=True)
def languages_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGES", "cy en-easy pl ro")


@pytest.fixture
def wave(orgs):
    found = open_wave(orgs[0])
    db.session.commit()
    return found


def _same(client, path: str, lang: str, post: dict | None = None) -> list[str]:
    """English sentences the page in `lang` still shows."""
    def fetch(code: str):
        where = f"{path}?lang={code}"
        return client.get(where) if post is None else client.post(where, data=post)

    english = sentences(fetch("en").text)
    other = fetch(lang)
    assert f'<html lang="{lang}"' in other.text, (path, lang)
    return sorted(english & sentences(other.text))


@pytest.mark.parametrize("lang", ["cy", "pl", "ro"])
def test_every_page_of_the_survey_is_in_the_language(app, client, wave, lang):
    base = f"/staff/{wave.token}"
    assert _same(client, f"{base}/", lang) == []
    client.get(f"{base}/begin")
    band = f"{base}/questions/your_band"
    assert OWN_WORDS[lang] in unescape(client.get(f"{band}?lang={lang}").text)
    assert _same(client, band, lang) == []
    assert _same(client, band, lang, post={"action": "continue"}) == []  # the error
    assert fill_pages(client, wave, comment="Rest") is None  # (their words stay theirs)
    assert _same(client, f"{base}/check-your-answers", lang) == []
    assert submit(client, wave).status_code == 302
    assert _same(client, f"{base}/thank-you", lang) == []
    assert _same(client, "/s/ZZZZ-ZZ", lang) == []

    def outside(code: str):  # a Band 6 respondent, told the survey is for others
        person = app.test_client()
        person.get(f"{base}/begin")
        return person.post(f"{band}?lang={code}", data={"band": "6", "action": "continue"})

    english, other = outside("en"), outside(lang)
    assert f'<html lang="{lang}"' in other.text and "Band 6" not in other.text
    assert sentences(english.text) & sentences(other.text) == set()


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Band 2, Band 3, Band 4 and Band 2"),
    ("pl", "Band 2, Band 3, Band 4 i Moje wynagrodzenie nie jest objęte Agenda for Change"),
    ("cy", "Band 2, Band 3, Band 4 a Nid yw fy nghyflog ar Agenda ar gyfer Newid")])
def test_who_a_survey_is_for_is_said_in_the_language(app, lang, said):
    survey = get_survey("staff_voice_bands_2_4", kind="staff_voice")
    with app.test_request_context(f"/staff/x/?lang={lang}"):
        app.preprocess_request()
        assert i18n.audience(i18n.worded(survey)).startswith(said)


@pytest.mark.parametrize("lang", ["pl", "ro"])
def test_polish_and_romanian_are_offered_only_on_the_staff_survey(client, wave, lang):
    survey = client.get(f"/staff/{wave.token}/?lang=en").text
    assert f'hreflang="{lang}"' in survey
    for path in ("/consultations/", "/accessibility", "/no-such-page"):
        page = client.get(f"{path}?lang={lang}").text
        assert '<html lang="en"' in page and f'hreflang="{lang}"' not in page, path


def test_a_lead_sees_each_translation_and_its_status(app, client, make_user, sign_in, orgs,
                                                      wave, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGES", "cy en-easy pl")
    sign_in(make_user("org_lead"))
    page = unescape(client.get(f"/staff-voice/waves/{wave.id}").text)
    assert "Cymraeg (draft, not yet checked by a qualified translator)" in page
    assert "Polski (draft, not yet checked by a qualified translator)" in page
    assert "Română (draft, not yet checked by a qualified translator; turned off by the " \
           "LANGUAGES setting)" in page

"""Interface languages (app/i18n.py): the staff-voice survey in Welsh, chosen in the address,
kept by a cookie or asked for by the browser; the switcher keeps the place and answers; lang and
hreflang right; an unknown language falls back to English; staff pages stay in English; and no
Welsh page shows interface text the catalogue has left untranslated."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.analysis.releases import release_wave
from app.analysis.results import figures_of
from app.definitions import for_wave, get_survey
from app.extensions import db
from app.staff_voice import closing
from app.staff_voice.waves import launch
from app.surveys.translations import texts_of
from tests.support.paths import ROOT
from tests.support.staff_voice import fill_pages, open_wave, respond, submit, today

CATALOGUE = ROOT / "app/translations/cy/LC_MESSAGES/messages.po"


@pytest.fixture(autouse=True)
def welsh_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGES", "cy en-easy")  # as by default


@pytest.fixture
def wave(orgs):
    found = open_wave(orgs[0])
    db.session.commit()
    return found


def _welsh() -> dict[str, str]:
    with CATALOGUE.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def _english_wording() -> list[str]:
    """The survey's own English texts whose Welsh differs (its wording is translated in the
    definition, not the catalogue), each paragraph alone, longest first."""
    survey = get_survey("staff_voice_bands_2_4", kind="staff_voice")
    welsh = survey.translations["cy"]
    found = []
    for key, english in texts_of(survey).items():
        if welsh.get(key, english) != english:
            found += [re.sub(r"\s+", " ", p).strip() for p in english.split("\n\n")]
    return sorted({t for t in found if len(t) > 12}, key=len, reverse=True)


def _text(html: str) -> str:
    """What a reader sees (and hears): the page's text and attributes read aloud."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    labels = " ".join(re.findall(r'(?:aria-label|alt|title)="([^"]*)"', body))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body) + " " + labels).replace("&#39;", "'")


def test_the_survey_in_welsh_from_the_address_then_by_cookie(client, wave):
    start = client.get(f"/staff/{wave.token}/?lang=cy")
    assert '<html lang="cy"' in start.text
    assert "Dechrau nawr" in start.text and "Start now" not in start.text
    assert "Rhagfyr" in start.text or "Ionawr" in start.text  # the close date, in Welsh
    assert "lang=cy" in start.headers["Set-Cookie"]
    page = client.get(f"/staff/{wave.token}/begin", follow_redirects=True)
    assert '<html lang="cy"' in page.text and "Parhau" in _text(page.text)
    assert "Beth yw eich band cyflog?" in page.text  # the survey's own words, from its definition


def test_the_switcher_keeps_the_place_and_the_answers(client, wave):
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    assert fill_pages(client, wave) is None
    check = client.get(f"/staff/{wave.token}/check-your-answers")
    switcher = re.search(r'<nav class="app-language".*?</nav>', check.text, re.S).group(0)
    assert 'aria-label="Language"' in switcher
    assert '<span aria-current="true" lang="en">English</span>' in switcher
    link = re.search(r'href="([^"]+)" hreflang="cy" lang="cy">Cymraeg</a>', switcher).group(1)
    assert link == f"/staff/{wave.token}/check-your-answers?lang=cy"
    welsh = client.get(link.replace("&amp;", "&"))
    assert "Gwiriwch eich atebion cyn eu hanfon" in welsh.text
    assert "More rest space" in welsh.text  # the answers so far, still there
    assert 'hreflang="en" lang="en">English</a>' in welsh.text
    assert submit(client, wave).status_code == 302  # and sent from the Welsh page


def test_the_browsers_language_is_followed_and_an_unknown_one_is_english(client, wave):
    asked = client.get(f"/staff/{wave.token}/", headers={"Accept-Language": "cy-GB,cy;q=0.9"})
    assert '<html lang="cy"' in asked.text
    unknown = client.get(f"/staff/{wave.token}/?lang=xx", headers={"Accept-Language": "fr"})
    assert '<html lang="en"' in unknown.text and "Start now" in unknown.text
    assert 'class="app-language"' in unknown.text  # with the switcher, to choose another


def test_welsh_is_offered_only_when_the_setting_turns_it_on(app, client, wave, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGES", "")
    page = client.get(f"/staff/{wave.token}/?lang=cy")
    assert '<html lang="en"' in page.text and 'class="app-language"' not in page.text


def test_staff_pages_stay_in_english_with_no_switcher(client, wave, client_for):
    lead, _ = client_for("org_lead")
    lead.set_cookie("lang", "cy")
    page = lead.get("/diagnostic/", follow_redirects=True)
    assert '<html lang="en"' in page.text and 'class="app-language"' not in page.text


def test_no_welsh_survey_page_shows_untranslated_interface_text(client, wave):
    english = [m for m in _welsh() if "%(" not in m and len(m) > 3]
    pages = {"start": client.get(f"/staff/{wave.token}/?lang=cy").text}
    pages["question"] = client.get(f"/staff/{wave.token}/begin", follow_redirects=True).text
    assert fill_pages(client, wave) is None
    pages["check"] = client.get(f"/staff/{wave.token}/check-your-answers").text
    pages["done"] = submit(client, wave) and client.get(f"/staff/{wave.token}/thank-you").text
    pages["not found"] = client.get("/s/ZZZZ-ZZ").text
    wording = _english_wording()
    for name, html in pages.items():
        seen = _text(html)
        assert not [t for t in wording if t in seen], name  # the survey's words, in Welsh
        left = [m for m in english if m in seen and m not in ("Cymraeg", "English")]
        assert not left, (name, left)


def test_every_interface_text_of_these_pages_is_translated(tmp_path):
    """The catalogue against the code as it is: text marked for translation since the last
    `make extract` and not yet in the Welsh file fails here, naming it."""
    pot = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run([pybabel, "-q", "extract", "--no-location", "-F", str(ROOT / "babel.cfg"),
                    "-k", "_", "-k", "_l", "-k", "said",
                    "-k", "lazy_gettext", "-o", str(pot), str(ROOT / "app")], check=True,
                   capture_output=True)
    with pot.open("rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    welsh = _welsh()
    missing = sorted(m for m in wanted if not welsh.get(m))
    assert not missing, missing


def test_answers_in_every_language_and_easy_read_count_together_in_one_release(app, client, wave):
    for i in range(12):  # in Welsh, Easy Read and English, four each; all Band 3, all "agree"
        person = app.test_client()
        person.set_cookie("lang", ("en", "cy", "en-easy")[i % 3])
        person.get(f"/staff/{wave.token}/")
        assert respond(person, wave, band="3").status_code == 302
    closing.close_now(wave, "lead@example.nhs.uk")
    db.session.commit()
    figures = figures_of(release_wave(wave, for_wave(wave), today()))
    assert figures[("3", "", "")] == 12  # one group of twelve, whatever the language
    assert figures[("3", "break_space", "*")] == 12


def test_a_survey_without_welsh_offers_no_switcher(client, orgs):
    pulse = launch(orgs[0], "national_pulse", today() - timedelta(days=1),
                   today() + timedelta(days=9))
    db.session.commit()
    page = client.get(f"/staff/{pulse.token}/?lang=cy")
    assert '<html lang="en"' in page.text and 'class="app-language"' not in page.text


def test_easy_read_is_a_version_in_english_chosen_on_the_page(client, wave):
    start = client.get(f"/staff/{wave.token}/")
    assert 'hreflang="en" lang="en">Easy Read</a>' in start.text  # offered, marked English
    easy = client.get(f"/staff/{wave.token}/?lang=en-easy")
    assert '<html lang="en"' in easy.text and "How you feel at work" in easy.text
    assert '<span aria-current="true" lang="en">Easy Read</span>' in easy.text
    question = client.get(f"/staff/{wave.token}/questions/support_and_breaks")
    assert "I can take a proper break away from my work." in question.text
    assert "Yes, a lot" in question.text and "Strongly agree" not in question.text
    client.delete_cookie("lang")
    asked = client.get(f"/staff/{wave.token}/", headers={"Accept-Language": "en-GB,en"})
    assert "How you feel at work" not in asked.text  # a browser's languages never pick it


def test_underscore_in_a_template_escapes_its_values_and_reads_percent_signs(app):
    """`_()` is app.i18n's own, in place of Jinja's alias: it must keep what Jinja's newstyle
    gettext does, translated text with each value escaped, and %% always read as one %."""
    with app.test_request_context("/staff/x/?lang=cy"):
        html = app.jinja_env.from_string(
            '{{ _("<strong>%(who)s</strong> of %(n)s", who=who, n=2) }}|{{ _("100%% sure") }}|'
            '{{ _("Cancel") }}').render(who="<script>")
    page, sure, cancel = html.split("|")
    assert page == "<strong>&lt;script&gt;</strong> of 2"  # the text's own markup kept
    assert sure == "100% sure"
    assert cancel == app.jinja_env.from_string("{{ gettext('Cancel') }}").render()


def test_the_languages_worked_out_once_a_page_are_each_pages_own(app):
    """app.i18n.available() keeps its answer in g, which a test's app context shares between
    requests: another page must still get its own."""
    from app import i18n

    with app.test_request_context("/accessibility"):
        assert "cy" in i18n.available()
    with app.test_request_context("/admin/"):
        assert i18n.available() == ["en"]
    with app.test_request_context("/accessibility"):
        assert "cy" in i18n.available()


def test_the_kept_switcher_is_each_pages_own_and_drawn_once(app, client, wave, monkeypatch):
    """app.i18n.switcher_html keeps the drawn switcher by page address and language: each
    page, query and language still gets its own links and words."""
    drawn = []
    ui = app.jinja_env.globals["ui"]

    class Counting:
        def __getattr__(self, name):
            macro = getattr(ui, name)
            return (lambda *a: drawn.append(name) or macro(*a)) \
                if name == "language_switcher" else macro

    monkeypatch.setitem(app.jinja_env.globals, "ui", Counting())
    nav = re.compile(r'<nav class="app-language".*?</nav>', re.S)
    start = f"/staff/{wave.token}/"
    english = nav.search(client.get(start).text).group(0)
    assert nav.search(client.get(start).text).group(0) == english
    assert drawn == ["language_switcher"]
    assert f'href="{start}?lang=cy"' in english
    asked = nav.search(client.get(f"{start}?x=1").text).group(0)
    assert f'href="{start}?x=1&amp;lang=cy"' in asked
    welsh = nav.search(client.get(f"{start}?lang=cy").text).group(0)
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in welsh
    assert 'aria-label="Language"' not in welsh  # the switcher's own label, in Welsh
    assert len(drawn) == 3

"""R6: a survey page left open for hours still sends, keeping every earlier answer, measured on
the real clock (cookie signatures age with it); anything else after 30 idle minutes starts
afresh, so a shared device does not hand one person's answers to the next."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from app.extensions import db
from app.models import ItemAnswer
from tests.support.clients import csrf_token
from tests.support.dbutil import count
from tests.support.framework_review import BASE, FIRST_PAGES, OPEN_DAY
from tests.support.staff_voice import open_wave, page_answers

ITEM = "ph_mental_health_offer"


def _send(client, url: str, data: dict):
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, data={"csrf_token": csrf_token(page.text), **data})


def test_a_consultation_page_left_open_8_hours_sends_and_keeps_earlier_answers(csrf_app):
    client = csrf_app.test_client()
    with freeze_time(OPEN_DAY) as clock:
        first_id, first = FIRST_PAGES[0]
        assert _send(client, f"{BASE}/questions/{first_id}", first).status_code == 302
        second_id, second = FIRST_PAGES[1]
        url = f"{BASE}/questions/{second_id}"
        page = client.get(url).text
        clock.tick(timedelta(hours=8))
        sent = client.post(url, data={"csrf_token": csrf_token(page), **second})
        assert sent.status_code == 302, sent.text[:2000]
        for page_id, data in FIRST_PAGES[2:]:
            assert _send(client, f"{BASE}/questions/{page_id}", data).status_code == 302
        check = client.get(f"{BASE}/check-your-answers").text
    assert "Trust A" in check and "Wellbeing lead" in check  # the page before the long wait
    assert "The checklist." in check  # the page left open


def test_a_staff_voice_page_left_open_8_hours_sends_and_stores_every_answer(csrf_app, orgs):
    client = csrf_app.test_client()
    with freeze_time(datetime.now()) as clock:
        wave = open_wave(orgs[0])
        db.session.commit()
        client.get(f"/staff/{wave.token}/")
        client.get(f"/staff/{wave.token}/begin")
        pages = page_answers(band="2", comment="Somewhere to rest at night")
        for page_id, data in pages[:-1]:
            sent = _send(client, f"/staff/{wave.token}/questions/{page_id}",
                         {**data, "action": "continue"})
            assert sent.status_code == 302, sent.text[:2000]
        last_id, last = pages[-1]
        url = f"/staff/{wave.token}/questions/{last_id}"
        page = client.get(url).text
        clock.tick(timedelta(hours=8))
        sent = client.post(url, data={"csrf_token": csrf_token(page), **last,
                                      "action": "continue"})
        assert sent.status_code == 302, sent.text[:2000]
        check = client.get(f"/staff/{wave.token}/check-your-answers")
        assert check.status_code == 200 and "Band 2" in check.text
        assert "Somewhere to rest at night" in check.text
        key = check.text.split('name="submission_key" value="')[1].split('"')[0]
        done = client.post(f"/staff/{wave.token}/check-your-answers",
                           data={"csrf_token": csrf_token(check.text), "submission_key": key})
        assert done.status_code == 302 and "thank-you" in done.location
    assert count("responses") == 1


def test_after_30_idle_minutes_a_fresh_visit_starts_afresh(csrf_app):
    client = csrf_app.test_client()
    with freeze_time(OPEN_DAY) as clock:
        first_id, first = FIRST_PAGES[0]
        url = f"{BASE}/questions/{first_id}"
        assert _send(client, url, first).status_code == 302
        clock.tick(timedelta(minutes=29))
        assert 'value="Trust A"' in client.get(url).text  # still this person's journey
        clock.tick(timedelta(minutes=31))
        assert 'value="Trust A"' not in client.get(url).text  # the next person's


def test_a_change_link_followed_8_hours_later_keeps_every_answer(csrf_app):
    """Back and Change are GETs: the browser marks them as coming from our own page."""
    client = csrf_app.test_client()
    with freeze_time(OPEN_DAY) as clock:
        for page_id, data in FIRST_PAGES:
            assert _send(client, f"{BASE}/questions/{page_id}", data).status_code == 302
        assert "The checklist." in client.get(f"{BASE}/check-your-answers").text
        clock.tick(timedelta(hours=8))
        change = client.get(f"{BASE}/questions/about_you?change=1",
                            headers={"Sec-Fetch-Site": "same-origin"})
        assert 'value="Trust A"' in change.text
        check = client.get(f"{BASE}/check-your-answers", headers={"Sec-Fetch-Site": "same-origin"})
    assert "The checklist." in check.text and "Wellbeing lead" in check.text


@pytest.mark.parametrize("came_from", [None, "none", "cross-site", "same-site"])
def test_a_visit_from_elsewhere_after_the_idle_limit_starts_afresh(csrf_app, came_from):
    """An email link, a typed address or a bookmark (or a browser that does not say) on a
    shared device: the next person must not land in the last one's answers."""
    client = csrf_app.test_client()
    headers = {"Sec-Fetch-Site": came_from} if came_from else {}
    with freeze_time(OPEN_DAY) as clock:
        first_id, first = FIRST_PAGES[0]
        url = f"{BASE}/questions/{first_id}"
        assert _send(client, url, first).status_code == 302
        clock.tick(timedelta(minutes=31))
        assert 'value="Trust A"' not in client.get(url, headers=headers).text
        with client.session_transaction() as session:
            assert not any(key.startswith("draft:") for key in session)


def test_a_signed_in_form_sent_after_the_idle_limit_is_kept(csrf_client_for, assessment):
    with freeze_time(datetime.now()) as clock:
        client, _user = csrf_client_for("org_lead")
        url = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
        page = client.get(url).text
        clock.tick(timedelta(minutes=31))
        sent = client.post(url, data={"csrf_token": csrf_token(page), "version": "0",
                                      "rating": "2", "gaps": "Typed over lunch"})
    assert sent.status_code == 302 and sent.location.startswith("/sign-in")
    assert db.session.scalar(select(ItemAnswer)) is None
    assert count("kept_forms") == 1  # it said who sent it, so it is kept for them


def test_nothing_is_read_from_a_cookie_older_than_the_longest_session(csrf_app):
    client = csrf_app.test_client()
    with freeze_time(OPEN_DAY) as clock:
        first_id, first = FIRST_PAGES[0]
        url = f"{BASE}/questions/{first_id}"
        page = client.get(url).text
        clock.tick(timedelta(hours=13))  # SESSION_MAX_HOURS is 12
        refused = client.post(url, data={"csrf_token": csrf_token(page), **first})
    assert refused.status_code == 422  # re-shown with the answers and a fresh token
    assert 'value="Trust A"' in refused.text

"""Answering a staff-voice survey: anonymity, codes, audience, closed waves, shared devices."""

from __future__ import annotations

from datetime import datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from app.extensions import db
from app.models import Response
from app.models.staff_voice import AccessCode, BandCount
from app.staff_voice import codes
from tests.support.dbutil import count
from tests.support.staff_voice import fill_pages, open_wave, respond, today


def _wave(orgs, **kw):
    wave = open_wave(orgs[0], **kw)
    db.session.commit()
    return wave


def test_start_page_says_it_is_anonymous_and_is_never_cached(client, orgs):
    wave = _wave(orgs)
    page = client.get(f"/staff/{wave.token}/")
    assert page.status_code == 200
    assert "This survey is anonymous" in page.text
    assert "we do not record who you are" in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_a_response_is_stored_with_counts_and_nothing_identifying(client, orgs):
    wave = _wave(orgs)
    done = respond(client, wave, band="3")
    assert done.status_code == 302 and done.location.endswith("/thank-you")
    response = db.session.scalar(select(Response))
    assert response.wave_id == wave.id and response.submitted_on == today()
    assert db.session.scalar(select(BandCount.n).where(BandCount.band == "3")) == 1
    # the session is cleared: nothing of the answers is reachable from this browser
    with client.session_transaction() as session:
        assert not any(k.startswith(("draft:", "staff_voice")) for k in session)
    again = client.get(f"/staff/{wave.token}/questions/team_and_voice")
    assert "More rest space" not in again.text
    assert count("survey_drafts") == 0


def test_someone_outside_the_audience_is_thanked_and_nothing_is_stored(client, orgs):
    wave = _wave(orgs)
    client.get(f"/staff/{wave.token}/begin")
    page = client.post(f"/staff/{wave.token}/questions/your_band",
                       data={"band": "6", "action": "continue"})
    assert page.status_code == 200
    assert "This survey is for other staff" in page.text
    assert "Bands 2, 3 and 4" in page.text
    assert count("responses") == 0 and count("survey_drafts") == 0


def test_closed_and_scheduled_waves_show_a_closed_page(client, orgs):
    wave = _wave(orgs)
    wave.opens_on, wave.closes_on = today() - timedelta(days=9), today() - timedelta(days=1)
    db.session.commit()
    for path in ("", "begin", "questions/your_band", "check-your-answers", "code"):
        page = client.get(f"/staff/{wave.token}/{path}")
        assert "This survey has closed" in page.text, path
    wave.opens_on, wave.closes_on = today() + timedelta(days=1), today() + timedelta(days=9)
    db.session.commit()
    assert "This survey is not open yet" in client.get(f"/staff/{wave.token}/").text


def test_unknown_link_is_not_found(client, orgs):
    assert client.get("/staff/not-a-real-token/").status_code == 404


def test_codes_are_hashed_single_use_and_reuse_is_refused(app, client, orgs):
    wave = _wave(orgs, uses_codes=True)
    plain = codes.make_batch(wave, 3)
    db.session.commit()
    stored = set(db.session.scalars(select(AccessCode.code_hash)))
    assert not stored & set(plain) and not any(c.replace("-", "") in h
                                               for c in plain for h in stored)
    # without a code the survey sends you to the code page
    assert client.get(f"/staff/{wave.token}/begin").location.endswith("/code")
    assert respond(client, wave, code=plain[0].lower().replace("-", " ")).status_code == 302
    spent = db.session.scalars(select(AccessCode.spent)).all()
    assert sorted(spent) == [False, False, True]
    other = app.test_client()
    other.get(f"/staff/{wave.token}/")
    again = other.post(f"/staff/{wave.token}/code", data={"code": plain[0]})
    assert again.status_code == 422 and "Each code works once only" in again.text
    assert plain[0] not in again.text
    assert count("responses") == 1


def test_unknown_and_mistyped_codes_give_the_same_message_and_store_nothing(client, orgs):
    wave = _wave(orgs, uses_codes=True)
    codes.make_batch(wave, 2)
    db.session.commit()
    messages = set()
    for typed in ("AAAA-BBBB-CCCC", "12", "not a code at all!!"):
        page = client.post(f"/staff/{wave.token}/code", data={"code": typed})
        assert page.status_code == 422
        messages.add(page.text.count("That code cannot be used"))
    assert messages == {2}  # in the error summary and beside the field, every time
    assert count("responses") == 0


def test_guessing_codes_is_throttled(client, orgs):
    """The client that guessed waits before anything it types is checked (the waits, and that
    they stay short for a kiosk: tests/staff_voice/test_codes_throttle.py)."""
    wave = _wave(orgs, uses_codes=True)
    plain = codes.make_batch(wave, 1)
    db.session.commit()
    with freeze_time(datetime.now()):  # no time passes: the first wait has not ended
        for _ in range(codes.CLIENT_RULE.free):
            client.post(f"/staff/{wave.token}/code", data={"code": "AAAA-BBBB-CCCC"})
        blocked = client.post(f"/staff/{wave.token}/code", data={"code": plain[0]})
    assert blocked.status_code == 429 and "Too many codes entered here" in blocked.text
    assert plain[0] not in blocked.text and "/begin" not in (blocked.location or "")


def test_a_code_spent_elsewhere_while_answering_stores_nothing(client, orgs):
    wave = _wave(orgs, uses_codes=True)
    plain = codes.make_batch(wave, 1)
    db.session.commit()
    client.get(f"/staff/{wave.token}/")
    client.post(f"/staff/{wave.token}/code", data={"code": plain[0]})
    assert fill_pages(client, wave) is None
    db.session.execute(AccessCode.__table__.update().values(spent=True))
    db.session.commit()
    from tests.support.staff_voice import submit

    refused = submit(client, wave)
    assert refused.status_code == 422 and "That code cannot be used" in refused.text
    assert count("responses") == 0 and count("staff_voice_counts") == 0


def test_pages_tell_the_browser_not_to_remember_answers(client, orgs):
    """Shared devices: no autocomplete on any form, and no "save and come back" for staff."""
    wave = _wave(orgs)
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    first = client.get(f"/staff/{wave.token}/questions/your_band")
    assert first.status_code == 200, first.status_code
    assert 'autocomplete="off"' in first.text
    assert "Save and come back later" not in first.text
    assert fill_pages(client, wave) is None
    check = client.get(f"/staff/{wave.token}/check-your-answers")
    assert 'autocomplete="off"' in check.text
    assert "stored without your name" in check.text

"""Closing a staff-voice wave early: the lead's confirmation page, the audit event, CSRF, who
may do it, the wave shown as closed everywhere; and R4 for the close (submissions racing it are
stored before it or refused after it, with the closed page)."""

from __future__ import annotations

import re
import threading

from sqlalchemy import func, select

from app.analysis.results import wave_results
from app.clock import today
from app.definitions import for_wave
from app.extensions import db
from app.models import AuditEvent
from app.models.staff_voice import BandCount, Wave
from app.staff_voice import closing
from tests.support.clients import PASSWORD, csrf_token
from tests.support.staff_voice import fill_pages, open_wave, respond

CLOSED_PAGE = "This survey has closed"


def _open(org) -> Wave:
    wave = open_wave(org)
    db.session.commit()
    return wave


def test_lead_closes_a_wave_after_confirming_and_it_shows_closed_everywhere(
        client, make_user, sign_in, orgs):
    wave = _open(orgs[0])
    assert respond(client.application.test_client(), wave).status_code == 302
    lead = make_user("org_lead", org=orgs[0])
    sign_in(lead)
    page = client.get(f"/staff-voice/waves/{wave.id}").text
    assert f'href="/staff-voice/waves/{wave.id}/close"' in page and "Close this wave now" in page
    confirm = client.get(f"/staff-voice/waves/{wave.id}/close")
    assert confirm.status_code == 200 and "Close this wave now?" in confirm.text
    assert 'method="post"' in confirm.text
    db.session.expire_all()
    assert db.session.get(Wave, wave.id).state(today()) == "open"  # nothing closed by a GET

    done = client.post(f"/staff-voice/waves/{wave.id}/close")
    assert done.status_code == 302 and done.location.endswith(f"/staff-voice/waves/{wave.id}")
    db.session.expire_all()
    wave = db.session.get(Wave, wave.id)
    assert wave.closed_early_on == today() and wave.state(today()) == "closed"
    assert wave.closes_on > today()  # the planned date is kept
    event = db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "staff_voice_wave_closed"))
    assert event.actor == lead.email and event.target == orgs[0].code
    assert event.detail_dict["wave"] == wave.id

    page = client.get(f"/staff-voice/waves/{wave.id}").text
    assert "Closed" in page and "closed early" in page and "Close this wave now" not in page
    assert f"/staff-voice/waves/{wave.id}/results" in page
    listing = client.get("/staff-voice/").text
    assert "closed early" in listing and "nhsuk-tag--grey" in listing
    assert wave_results(wave, for_wave(wave), today()) is not None  # results from today
    again = client.post(f"/staff-voice/waves/{wave.id}/close")  # already closed: nothing new
    assert again.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "staff_voice_wave_closed")) == 1

    staff = client.application.test_client()
    for path in ("", "begin", "questions/your_band", "check-your-answers"):
        shown = staff.get(f"/staff/{wave.token}/{path}")
        assert shown.status_code == 200 and CLOSED_PAGE in shown.text, path
        assert f"closed on {today().day} " in shown.text


def test_only_the_wave_s_own_lead_or_an_admin_may_close_it(client, make_user, sign_in, orgs):
    wave = _open(orgs[0])
    for role, org in (("ics_lead", None), ("org_lead", orgs[1])):
        sign_in(make_user(role, email=f"{role}-x@example.nhs.uk", org=org))
        assert client.get(f"/staff-voice/waves/{wave.id}/close").status_code == 403
        assert client.post(f"/staff-voice/waves/{wave.id}/close").status_code == 403
        assert "Close this wave now" not in client.get(f"/staff-voice/waves/{wave.id}").text
        client.post("/sign-out")
    db.session.expire_all()
    assert db.session.get(Wave, wave.id).state(today()) == "open"
    sign_in(make_user("admin"))
    assert client.post(f"/staff-voice/waves/{wave.id}/close").status_code == 302
    db.session.expire_all()
    assert db.session.get(Wave, wave.id).state(today()) == "closed"


def test_closing_needs_a_csrf_token(csrf_app, make_user, orgs):
    wave = _open(orgs[0])
    user = make_user("org_lead", org=orgs[0])
    client = csrf_app.test_client()
    token = csrf_token(client.get("/sign-in").text)
    assert client.post("/sign-in", data={"email": user.email, "password": PASSWORD,
                                         "csrf_token": token}).status_code == 302
    refused = client.post(f"/staff-voice/waves/{wave.id}/close")
    # The app's CSRF handler sends the user back to the page, having changed nothing.
    assert refused.status_code == 302 and refused.location.endswith(f"/waves/{wave.id}/close")
    assert "nothing was saved" in client.get(refused.location).text
    db.session.expire_all()
    assert db.session.get(Wave, wave.id).state(today()) == "open"
    token = csrf_token(client.get(f"/staff-voice/waves/{wave.id}/close").text)
    assert client.post(f"/staff-voice/waves/{wave.id}/close",
                       data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Wave, wave.id).state(today()) == "closed"


THREADS = 8


def _stored(wave_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.sum(BandCount.n), 0)).where(
        BandCount.wave_id == wave_id))


def test_submissions_racing_a_close_are_stored_before_it_or_refused(app, orgs, monkeypatch):
    """Each respondent is on "Check your answers" when the lead closes the wave. Inside the
    close's own transaction (holding the lock submissions need) the stored count is read:
    nothing may be stored after it, and everyone not stored sees the closed page."""
    wave = _open(orgs[0])
    wave_id, token = wave.id, wave.token
    ready = []
    for n in range(THREADS):
        client = app.test_client()
        client.get(f"/staff/{token}/")
        client.get(f"/staff/{token}/begin")
        assert fill_pages(client, wave, band="3", comment=f"Words of person {n}") is None
        page = client.get(f"/staff/{token}/check-your-answers").text
        key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
        ready.append((n, client, key))
    at_close = {}
    real_record = closing.record

    def record(*args, **kwargs):  # runs inside close_now's locked transaction
        at_close["stored"] = _stored(wave_id)
        return real_record(*args, **kwargs)

    monkeypatch.setattr(closing, "record", record)
    results = {}

    def submitter(n, client, key):
        def job():
            results[n] = client.post(f"/staff/{token}/check-your-answers",
                                     data={"submission_key": key})
        return job

    def close():
        with app.app_context():
            closing.close_now(db.session.get(Wave, wave_id), "lead@example.nhs.uk")
            db.session.remove()

    barrier = threading.Barrier(THREADS + 1)

    def wrap(job):
        barrier.wait()
        job()

    threads = [threading.Thread(target=wrap, args=(job,)) for job in
               [submitter(*r) for r in ready] + [close]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    db.session.expire_all()
    accepted = [n for n, r in results.items() if r.status_code == 302
                and r.location.endswith("/thank-you")]
    assert "stored" in at_close, "the close did not run"
    assert _stored(wave_id) == at_close["stored"], "a response was stored after the close"
    assert _stored(wave_id) == len(accepted)
    for n, response in results.items():
        if n not in accepted:
            assert response.status_code == 200 and CLOSED_PAGE in response.text, n
            # what they wrote is shown back to them (R4), and kept nowhere
            assert f"Words of person {n}" in response.text and "not been saved" in response.text
    # After the close, sending again is refused with the closed page and stores nothing.
    for n, client, key in ready:
        if n not in accepted:
            late = client.post(f"/staff/{token}/check-your-answers",
                               data={"submission_key": key})
            assert late.status_code == 200 and CLOSED_PAGE in late.text
    assert _stored(wave_id) == len(accepted)
    assert db.session.get(Wave, wave_id).state(today()) == "closed"


def test_free_text_retention_counts_from_the_early_close(app, orgs):
    """Free text is kept 365 days after the survey closes: after the day a lead closed it, not
    the planned date (here 200 days later)."""
    from datetime import date, timedelta

    from freezegun import freeze_time

    from app import retention

    with freeze_time("2026-05-01 12:00:00"):
        wave = open_wave(orgs[0], days_left=200)
        db.session.commit()
        assert respond(app.test_client(), wave, comment="Quiet room please").status_code == 302
        closing.close_now(wave, "lead@example.nhs.uk")
    with freeze_time("2027-05-01 12:00:00"):  # 365 days after the close: still kept
        assert retention.plans_due(date.today()) == []
    with freeze_time("2027-05-02 12:00:00"):
        plans = retention.plans_due(date.today())
    assert [(p.wave_id, p.closed_on) for p in plans] == [(wave.id, date(2026, 5, 1))]
    assert wave.closes_on == date(2026, 5, 1) + timedelta(days=200)  # the planned date stays


def test_answers_sent_after_the_close_are_shown_back_not_kept(app, orgs, client):
    """R4 for staff voice: a respondent who sends their answers after the wave closed sees the
    closed page with what they wrote; nothing is stored, and the draft and session are gone."""
    from app.models import SurveyDraft

    wave = _open(orgs[0])
    client.get(f"/staff/{wave.token}/")
    client.get(f"/staff/{wave.token}/begin")
    assert fill_pages(client, wave, band="4", comment="A quiet room on every ward") is None
    page = client.get(f"/staff/{wave.token}/check-your-answers").text
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    closing.close_now(wave, "lead@example.nhs.uk")
    db.session.commit()

    refused = client.post(f"/staff/{wave.token}/check-your-answers",
                          data={"submission_key": key})
    assert refused.status_code == 200 and CLOSED_PAGE in refused.text
    assert "A quiet room on every ward" in refused.text and "not been saved" in refused.text
    assert _stored(wave.id) == 0
    assert db.session.scalar(select(func.count()).select_from(SurveyDraft)) == 0
    again = client.get(f"/staff/{wave.token}/check-your-answers")  # nothing left behind
    assert CLOSED_PAGE in again.text and "A quiet room" not in again.text
    typed = client.post(f"/staff/{wave.token}/questions/team_and_voice",
                        data={"what_would_help": "Typed on the last page", "action": "continue"})
    assert CLOSED_PAGE in typed.text and "Typed on the last page" in typed.text

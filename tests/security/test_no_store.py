"""Convention: every page that shows what a respondent typed (an answer, their name, their email
at sign-in) or a published answer is sent with Cache-Control: no-store, signed in or not, so no
browser or proxy keeps a copy (a shared computer's next user finds nothing).

The respondent journeys are walked with one distinctive word typed into every text answer, and
every response the app sent is checked: wherever the word shows, the page is no-store."""

from __future__ import annotations

import re

import pytest
from flask import request, request_finished
from freezegun import freeze_time

from app.diagnostic import cycles
from app.extensions import db
from tests.support.clients import PASSWORD
from tests.support.framework_review import BASE, FIRST_PAGES, OPEN_DAY
from tests.support.staff_voice import open_wave, page_answers, submit

TYPED = "Quillfeather"  # typed in every text answer; shows nowhere else
CLOSED_DAY = "2020-04-01 12:00:00"


@pytest.fixture
def sent(app) -> list[tuple[str, int, str, str]]:
    """(method and path, status, Cache-Control, HTML) of every page the app sent."""
    log: list[tuple[str, int, str, str]] = []

    def record(_sender, response, **_extra):
        if response.mimetype == "text/html" and not response.is_streamed:
            log.append((f"{request.method} {request.full_path}", response.status_code,
                        response.headers.get("Cache-Control", ""),
                        response.get_data(as_text=True)))

    request_finished.connect(record, app)
    yield log
    request_finished.disconnect(record, app)


def assert_private(sent, at_least: set[str]) -> None:
    showing = [(where, status, cache) for where, status, cache, html in sent if TYPED in html]
    assert [s for s in showing if s[2] != "no-store"] == []
    seen = {where for where, _status, _cache in showing}
    missing = [part for part in at_least if not any(part in where for where in seen)]
    assert missing == [], f"the walk did not show typed text at {missing}: only {seen}"


def _typed(pages):
    """The journey's pages with TYPED in every text answer."""
    text_fields = {"organisation_name", "role", "what_helped", "what_was_missing",
                   "respondent_name"}
    return [(page_id, {k: (f"{TYPED} {v}" if k in text_fields else v) for k, v in data.items()})
            for page_id, data in pages]


def test_every_consultation_page_showing_typed_answers_is_no_store(app, client, make_user,
                                                                   sent):
    pages = _typed(FIRST_PAGES)
    with freeze_time(OPEN_DAY):
        for path in ("/consultations/", f"{BASE}/", f"{BASE}/start"):
            client.get(path)
        for page_id, data in pages:
            client.post(f"{BASE}/questions/{page_id}", data=data)
            client.get(f"{BASE}/questions/{page_id}")  # shown again, filled in
        about = dict(pages[0][1], respondent_type="")  # refused: shown again with the typing
        assert client.post(f"{BASE}/questions/about_you", data=about).status_code == 422
        client.get(f"{BASE}/questions/about_you?change=1")
        html = client.get(f"{BASE}/check-your-answers").get_data(as_text=True)
        # Saved to come back to, and resumed in another browser from the code.
        saved = client.post(f"{BASE}/questions/publishing",
                            data={**pages[3][1], "action": "save"}).get_data(as_text=True)
        code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", saved).group(0)
        other = app.test_client()
        other.get(f"{BASE}/resume/{code}")
        other.get(f"{BASE}/check-your-answers")
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        client.post(f"{BASE}/check-your-answers", data={"submission_key": key})
        client.get(f"{BASE}/confirmation")
    with freeze_time(CLOSED_DAY):  # closed while answering: the typing is shown back
        other.post(f"{BASE}/questions/framework_use", data=pages[1][1])
        admin = app.test_client()
        admin.post("/sign-in", data={"email": make_user("admin").email, "password": PASSWORD})
        listing = admin.get("/admin/consultations/framework_review/responses/").get_data(
            as_text=True)
        response_id = re.search(r"/responses/(\d+)", listing).group(1)
        admin.post(f"/admin/consultations/framework_review/responses/{response_id}/publish")
        client.get(f"{BASE}/")  # the published answers, with the name
    assert_private(sent, {f"POST {BASE}/questions/about_you", "/about_you?change=1",
                          f"POST {BASE}/questions/framework_use", "/questions/publishing",
                          "/check-your-answers", f"GET {BASE}/?"})


def test_every_staff_voice_page_showing_typed_answers_is_no_store(app, client, orgs, sent):
    wave = open_wave(orgs[0])
    db.session.commit()
    base = f"/staff/{wave.token}"
    client.get(f"{base}/")
    client.get(f"{base}/begin")
    for page_id, data in page_answers(comment=f"{TYPED} rest space"):
        client.post(f"{base}/questions/{page_id}", data={**data, "action": "continue"})
        client.get(f"{base}/questions/{page_id}")
    submit(client, wave)
    assert_private(sent, {"/questions/team_and_voice", "/check-your-answers"})


def test_pages_showing_what_someone_typed_when_signing_in_or_signed_in_are_no_store(
        app, client, orgs, make_user, sent):
    email = f"{TYPED}@example.nhs.uk"
    refused = client.post("/sign-in", data={"email": email, "password": "wrong-password-1"})
    assert refused.status_code == 422
    lead = make_user("org_lead", org=orgs[0])
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    client.post("/sign-in", data={"email": lead.email, "password": PASSWORD})
    item = f"/diagnostic/a/{assessment.id}/item/ph_mental_health_offer"
    client.post(item, data={"version": "0", "rating": "9", "gaps": f"{TYPED} gaps"})
    client.post(item, data={"version": "0", "rating": "2", "gaps": f"{TYPED} gaps"})
    client.get(item)
    assert_private(sent, {"POST /sign-in", f"POST {item}", f"GET {item}"})

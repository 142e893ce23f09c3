"""Server errors the fuzzer found, kept as plain regression tests."""

from __future__ import annotations

import pytest

from app.diagnostic import cycles
from app.extensions import db
from tests.support.clients import PASSWORD

ITEM = "ph_mental_health_offer"


@pytest.fixture
def lead_client(app, orgs, make_user):
    assessment = cycles.start(orgs[0], "2026 Q1", "full")
    db.session.commit()
    user = make_user("org_lead", org=orgs[0])
    client = app.test_client()
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    return client, f"/diagnostic/a/{assessment.id}/item/{ITEM}"


@pytest.mark.parametrize("day", ["3131313131", "9999999999"])
def test_a_day_too_big_for_a_date_is_an_error_message_not_a_500(lead_client, day):
    client, url = lead_client
    response = client.post(f"{url}/actions/new", data={
        "what": "Evening clinic", "due-day": day, "due-month": "3", "due-year": "2027",
        "status": "not_started"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "must be a real date" in html and "Evening clinic" in html


@pytest.mark.parametrize("version", ["99999999999999999999999", "²", "٣", "-1"])
def test_a_nonsense_version_is_an_out_of_date_page_not_a_500(lead_client, version):
    client, url = lead_client
    response = client.post(url, data={"version": version, "rating": "2",
                                      "gaps": "My typed gaps"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "out of date" in html and "My typed gaps" in html


def test_nul_characters_are_removed_not_a_database_error(lead_client):
    """PostgreSQL refuses text with NUL: the fuzzer's NUL posts were 500s there."""
    from sqlalchemy import select

    from app.models import Action

    client, url = lead_client
    response = client.post(f"{url}/actions/new", data={
        "what": "\x00Evening\x00 clinic", "owner": "\x00", "status": "not_started"})
    assert response.status_code == 302
    assert db.session.scalar(select(Action.what)) == "Evening clinic"
    assert client.get("/staff/%00abc/").status_code == 404
    assert client.get("/diagnostic/?x=%00").status_code < 500


def test_a_long_email_at_sign_in_is_audited_cut_to_size(client):
    """The audit target column holds 200 characters; PostgreSQL refused a longer one (500)."""
    from sqlalchemy import select

    from app.models import AuditEvent

    email = "a" * 60 + "@" + "b" * 150 + ".nhs.uk"
    response = client.post("/sign-in", data={"email": email, "password": "wrong-password"})
    assert response.status_code == 422
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "sign_in_failed"))
    assert event is None or event.target == email[:200]


def test_a_thousand_digit_headcount_is_an_error_message_not_a_500(client, orgs, make_user):
    from datetime import timedelta

    from app.clock import today

    user = make_user("admin")
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    opens, closes = today() + timedelta(days=1), today() + timedelta(days=20)
    response = client.post("/staff-voice/launch", data={
        "organisation_id": str(orgs[0].id), "survey_id": "staff_voice_bands_2_4",
        "opens-day": opens.day, "opens-month": opens.month, "opens-year": opens.year,
        "closes-day": closes.day, "closes-month": closes.month, "closes-year": closes.year,
        "access": "link", "headcount_2": "120" * 334, "headcount_3": "80"})
    assert response.status_code == 422
    assert "must be a whole number" in response.get_data(as_text=True)

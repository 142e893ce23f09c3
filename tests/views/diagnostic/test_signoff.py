"""Signing off a cycle through the pages: a confirmation page naming what is not complete,
then a locked cycle (its edit pages answer 409 and save nothing) until an organisation lead
reopens it with a reason; the ICS lead sees each organisation's sign-off with its date."""

from __future__ import annotations

import pytest

from app import definitions
from app.extensions import db
from app.models import ItemAnswer

ITEM = "ph_mental_health_offer"


def test_a_lead_submits_then_reopens(app, client_for, assessment):
    client, _ = client_for("org_lead")
    base = f"/diagnostic/a/{assessment.id}"
    page = client.get(f"{base}/submit").get_data(as_text=True)
    assert "Not every element is complete" in page and "0 of" in page
    assert client.post(f"{base}/submit").status_code == 302
    overview = client.get(base).get_data(as_text=True)
    assert "Submitted" in overview and "Reopen it to make changes" in overview

    element = next(e.id for e in definitions.diagnostic().elements
                   if ITEM in {i.id for i in e.items()})
    locked = client.post(f"{base}/item/{ITEM}", data={"version": "0", "rating": "3"})
    assert locked.status_code == 409
    assert "This diagnostic has been submitted" in locked.get_data(as_text=True)
    assert db.session.query(ItemAnswer).count() == 0
    assert client.get(f"{base}/element/{element}/discussion").status_code == 409
    assert client.get(f"{base}/import").status_code == 409

    empty = client.post(f"{base}/reopen", data={"reason": ""})
    assert empty.status_code == 422
    assert "Enter why you are reopening" in empty.get_data(as_text=True)
    assert client.post(f"{base}/reopen", data={"reason": "New evidence"}).status_code == 302
    assert client.post(f"{base}/item/{ITEM}",
                       data={"version": "0", "rating": "3"}).status_code == 302


def test_contributors_and_other_organisations_cannot_sign_off(app, client_for, assessment, orgs):
    base = f"/diagnostic/a/{assessment.id}"
    for role, org in (("contributor", orgs[0]), ("org_lead", orgs[1])):
        client, _ = client_for(role, email=f"{role}.{org.code.lower()}@example.nhs.uk",
                               org=org)
        assert client.post(f"{base}/submit").status_code == 403


def test_the_ics_lead_sees_who_has_submitted(app, client_for, assessment):
    lead, _ = client_for("org_lead")
    lead.post(f"/diagnostic/a/{assessment.id}/submit")
    ics, _ = client_for("ics_lead")
    page = ics.get("/diagnostic/").get_data(as_text=True)
    assert "Sign-off" in page and "Submitted" in page and "Not started" in page


def test_a_save_racing_the_sign_off_is_refused_by_the_domain(app, client_for, assessment,
                                                             monkeypatch):
    """The pages check the lock when they start; a sign-off landing between that check and the
    save is caught by answers.save itself, with the same 409 page."""
    from app.diagnostic import answers
    from app.views.diagnostic import helpers

    lead, user = client_for("org_lead")
    assert lead.post(f"/diagnostic/a/{assessment.id}/submit").status_code == 302
    with pytest.raises(answers.CycleSubmitted):
        answers.save(assessment, ITEM, 0, {"rating": "3"}, user)
    monkeypatch.setattr(helpers, "require_open", lambda found: None)  # the check already passed
    late = lead.post(f"/diagnostic/a/{assessment.id}/item/{ITEM}",
                     data={"version": "0", "rating": "3"})
    assert late.status_code == 409
    assert "This diagnostic has been submitted" in late.get_data(as_text=True)
    assert db.session.query(ItemAnswer).count() == 0

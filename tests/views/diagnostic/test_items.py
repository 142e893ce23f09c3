"""The diagnostic through its pages: start a cycle, answer, add an action, discuss, complete."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import Action, Assessment, AuditEvent, ElementDiscussion, ItemAnswer


def _start(client, code="RA1", cycle="2026 Q1", mode="full", copy="no"):
    return client.post(f"/diagnostic/org/{code}/new",
                       data={"cycle": cycle, "mode": mode, "copy": copy})


def test_org_lead_completes_an_element_through_the_pages(client_for, orgs):
    client, lead = client_for("org_lead")
    assert client.get("/diagnostic/").headers["Location"].endswith("/diagnostic/org/RA1")
    response = _start(client)
    assert response.status_code == 302
    found = db.session.scalar(select(Assessment))
    assert (found.cycle, found.mode, found.definition_id, found.definition_version) == (
        "2026 Q1", "full", "hwb_diagnostic", 2021)

    page = client.get(f"/diagnostic/a/{found.id}").get_data(as_text=True)
    assert "Current element" in page and "Improving personal health and wellbeing" in page

    url = f"/diagnostic/a/{found.id}/item/ph_mental_health_offer"
    form = client.get(url).get_data(as_text=True)
    assert "What good looks like" in form and 'name="version"' in form
    response = client.post(url, data={
        "version": "0", "rating": "2", "offer": "Talking therapies, self-referral",
        "evidence": "Uptake by staff group", "evidence_links": "https://example.org/a\nintranet",
        "gaps": "Night staff find it hard to reach"})
    assert response.status_code == 302
    answer = db.session.scalar(select(ItemAnswer))
    assert (answer.rating, answer.version, answer.links) == ("2", 1, ["https://example.org/a",
                                                                       "intranet"])

    response = client.post(f"/diagnostic/a/{found.id}/item/ph_mental_health_offer/actions/new",
                           data={"what": "Run an evening clinic", "owner": "Head of OH",
                                 "due-day": "31", "due-month": "3", "due-year": "2026",
                                 "status": "in_progress"})
    assert response.status_code == 302
    action = db.session.scalar(select(Action))
    assert (action.what, action.owner, action.due.isoformat(), action.status) == (
        "Run an evening clinic", "Head of OH", "2026-03-31", "in_progress")

    element_page = client.get(
        f"/diagnostic/a/{found.id}/element/improving_personal_health").get_data(as_text=True)
    for text in ("Partly in place", "Uptake by staff group", "What staff told us",
                 "No staff survey closed in this time", "Run an evening clinic",
                 "31 March 2026"):
        assert text in element_page

    discussion_url = f"/diagnostic/a/{found.id}/element/improving_personal_health/discussion"
    refused = client.post(discussion_url, data={"complete": "yes", "notes": ""})
    assert refused.status_code == 422
    assert "Enter the date of the discussion" in refused.get_data(as_text=True)
    response = client.post(discussion_url, data={
        "complete": "yes", "notes": "Reviewed with OH and HR", "decisions": "Fund the clinic",
        "held_on-day": "20", "held_on-month": "1", "held_on-year": "2026"})
    assert response.status_code == 302
    assert db.session.scalar(select(ElementDiscussion)).completed

    progress = client.get(f"/diagnostic/a/{found.id}/progress").get_data(as_text=True)
    assert "1 of 7" in progress and "20 January 2026" in progress
    overview = client.get(f"/diagnostic/a/{found.id}").get_data(as_text=True)
    assert "Completed" in overview
    actions = {e.action for e in db.session.scalars(select(AuditEvent))}
    assert {"diagnostic_cycle_started", "diagnostic_action_saved",
            "diagnostic_discussion_saved"} <= actions


def test_bad_item_input_is_refused_and_kept(client_for, assessment):
    client, _ = client_for("org_lead")
    url = f"/diagnostic/a/{assessment.id}/item/ph_trauma_support"
    response = client.post(url, data={"version": "0", "rating": "7", "gaps": "keep me"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Select an answer from the list" in page and "keep me" in page
    assert db.session.scalar(select(ItemAnswer)) is None


def test_quick_mode_asks_for_ratings_only(client_for, orgs):
    client, _ = client_for("org_lead")
    _start(client, mode="quick")
    found = db.session.scalar(select(Assessment))
    assert found.quick
    url = f"/diagnostic/a/{found.id}/item/ph_mental_health_offer"
    page = client.get(url).get_data(as_text=True)
    assert 'name="rating"' in page
    assert 'name="offer"' not in page and "Add an action" not in page
    response = client.post(url, data={"version": "0", "rating": "3", "offer": "ignored"})
    assert response.status_code == 302
    answer = db.session.scalar(select(ItemAnswer))
    assert (answer.rating, answer.offer) == ("3", "")
    element = client.get(f"/diagnostic/a/{found.id}/element/improving_personal_health")
    assert "Actions" not in element.get_data(as_text=True).split("What staff told us")[1]
    assert client.get(f"/diagnostic/a/{found.id}/item/ph_mental_health_offer/actions/new"
                      ).status_code == 404


def test_new_cycle_copies_the_last_and_trend_shows_both(client_for, filled):
    client, _ = client_for("org_lead")
    response = _start(client, cycle="2026 Q2", copy="yes")
    assert response.status_code == 302
    second = db.session.scalar(select(Assessment).where(Assessment.cycle == "2026 Q2"))
    assert second.copied_from_id == filled.id
    assert {a.item_id: a.rating for a in second.answers} == {
        "ph_mental_health_offer": "2", "ph_trauma_support": "3", "ph_financial_wellbeing": "na"}
    assert sorted(a.what for a in second.actions) == ["-Promote self-referral",
                                                      "Evening clinic for night staff"]
    again = _start(client, cycle="2026 Q2")
    assert again.status_code == 422 and "already has a cycle called 2026 Q2" in again.get_data(
        as_text=True)
    trend = client.get("/diagnostic/org/RA1/trend").get_data(as_text=True)
    assert "2026 Q1" in trend and "2026 Q2" in trend and "Relationships" in trend


def test_an_action_edit_is_audited_with_what_changed(client_for, filled):
    client, user = client_for("org_lead")
    action = filled.actions[0]
    response = client.post(f"/diagnostic/a/{filled.id}/actions/{action.id}", data={
        "what": action.what, "owner": "Director of People", "status": "done",
        "due-day": "31", "due-month": "3", "due-year": "2026"})
    assert response.status_code == 302
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "diagnostic_action_saved")).one()
    assert event.actor == user.email
    assert event.detail_dict["changed"] == ["owner", "status"]
    assert event.detail_dict["moved"] == {"status": "in_progress -> done"}
    assert "Director of People" not in event.detail  # the text stays in the action

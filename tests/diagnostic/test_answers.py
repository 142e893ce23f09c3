"""No lost updates (R8), and text kept when a page or a session expired while typing."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.diagnostic import answers
from app.extensions import db
from app.models import AuditEvent, ItemAnswer
from tests.support.clients import PASSWORD, csrf_token

ITEM = "ph_mental_health_offer"


def _version(html: str) -> str:
    return re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)


def test_second_save_of_the_same_item_is_refused_showing_both_texts(
        client_for, assessment, make_user):
    first, _ = client_for("org_lead")
    second, _ = client_for("org_lead", email="second.lead@example.nhs.uk")
    url = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
    # Both open the item before either saves.
    v1, v2 = _version(first.get(url).get_data(as_text=True)), _version(
        second.get(url).get_data(as_text=True))
    assert v1 == v2 == "0"
    assert first.post(url, data={"version": v1, "rating": "2",
                                 "offer": "First lead's text"}).status_code == 302
    response = second.post(url, data={"version": v2, "rating": "3",
                                      "offer": "Second lead's text"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved this item while you were editing" in page
    assert "First lead&#39;s text" in page and "Second lead&#39;s text" in page
    # Still in the form, ready to save again.
    assert re.search(r'<textarea[^>]*name="offer"[^>]*>Second lead(&#39;|\')s text</textarea>',
                     page)
    stored = db.session.scalar(select(ItemAnswer))
    assert (stored.offer, stored.version) == ("First lead's text", 1)

    # Saving again from the conflict page is a deliberate overwrite based on version 1.
    assert _version(page) == "1"
    again = second.post(url, data={"version": "1", "rating": "3", "offer": "Second lead's text"})
    assert again.status_code == 302
    db.session.expire_all()
    stored = db.session.scalar(select(ItemAnswer))
    assert (stored.offer, stored.rating, stored.version) == ("Second lead's text", "3", 2)

    # The first lead's old page (version 1) is now stale too.
    stale = first.post(url, data={"version": "1", "rating": "1", "offer": "Old page"})
    assert stale.status_code == 409


def test_stale_csrf_token_reshows_the_form_with_the_text(app, client_for, assessment):
    client, _ = client_for("org_lead")
    app.config["WTF_CSRF_ENABLED"] = True  # on from here, as in production
    url = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
    client.get(url)
    response = client.post(url, data={"csrf_token": "expired-token", "version": "0",
                                      "rating": "2", "gaps": "A long answer typed slowly"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This page had expired, so nothing was saved yet" in page
    assert "A long answer typed slowly" in page
    assert db.session.scalar(select(ItemAnswer)) is None
    fresh = csrf_token(page)
    saved = client.post(url, data={"csrf_token": fresh, "version": "0", "rating": "2",
                                   "gaps": "A long answer typed slowly"})
    assert saved.status_code == 302
    assert db.session.scalar(select(ItemAnswer)).gaps == "A long answer typed slowly"


def test_signed_out_while_typing_keeps_the_text(app, client_for, assessment):
    client, user = client_for("org_lead")
    url = f"/diagnostic/a/{assessment.id}/item/{ITEM}"
    client.get(url)
    client.post("/sign-out")
    response = client.post(url, data={"version": "0", "rating": "2",
                                      "evidence": "Evidence <script>x</script> typed"})
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "your answer was not saved" in page
    assert "Evidence &lt;script&gt;x&lt;/script&gt; typed" in page
    assert db.session.scalar(select(ItemAnswer)) is None
    # Signing in again and saving the kept text works.
    client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert client.post(url, data={"version": "0", "rating": "2",
                                  "evidence": "Evidence typed"}).status_code == 302


def test_every_change_is_audited_with_who_and_what(app, assessment, make_user):
    lead = make_user("org_lead", email="lead@example.nhs.uk")
    answers.save(assessment, "ph_mental_health_offer", 0, {"rating": "2", "offer": "Talks"}, lead)
    answers.save(assessment, "ph_mental_health_offer", 1, {"rating": "3", "offer": "Talks",
                                                           "gaps": "Nights"}, lead)
    answers.save(assessment, "ph_mental_health_offer", 2, {"rating": "3", "offer": "Talks",
                                                           "gaps": "Nights"}, lead)  # no change
    events = list(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "diagnostic_answer_saved").order_by(AuditEvent.id)))
    assert [e.actor for e in events] == [lead.email, lead.email]
    assert [e.detail_dict["rating"] for e in events] == ["none -> 2", "2 -> 3"]
    assert events[1].detail_dict["changed"] == ["rating", "gaps"]
    assert "Nights" not in str(events[1].detail_dict)  # the words stay in the answer

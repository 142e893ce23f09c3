"""The tag page's buttons (remove a text, delete the tag) find the tag only in the ICS in the
address, and act only on a form with its CSRF token (without one: back, nothing changed)."""

from __future__ import annotations

from app.analysis import themes
from app.extensions import db
from app.models import System
from tests.support.clients import csrf_token
from tests.support.dbutil import count


def test_the_buttons_of_a_tag_from_another_system_are_not_found(system, client_for):
    other = System(code="QX1", name="Other ICS")
    db.session.add(other)
    db.session.flush()
    foreign = themes.create_tag(other, "Theirs")
    db.session.commit()
    client = client_for("admin")[0]
    for button in ("remove", "delete"):
        assert client.post(f"/ics/QZ9/tags/{foreign.id}/{button}",
                           data={"text": "gaps-1"}).status_code == 404
    assert client.post("/ics/QZ9/tags/999/delete").status_code == 404
    assert count("ics_tags") == 1


def test_the_buttons_refuse_a_post_without_its_token_and_act_with_it(system, csrf_client_for):
    tag = themes.create_tag(system, "Ours")
    db.session.commit()
    client = csrf_client_for("ics_lead")[0]
    page = f"http://localhost/ics/QZ9/tags/{tag.id}"
    for button in ("remove", "delete"):
        refused = client.post(f"/ics/QZ9/tags/{tag.id}/{button}", headers={"Referer": page})
        assert refused.status_code == 302 and refused.location == f"/ics/QZ9/tags/{tag.id}"
    assert count("ics_tags") == 1
    token = csrf_token(client.get(f"/ics/QZ9/tags/{tag.id}").text)
    deleted = client.post(f"/ics/QZ9/tags/{tag.id}/delete", data={"csrf_token": token})
    assert deleted.status_code == 302 and count("ics_tags") == 0
